using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Counts the SQL commands the app sends while answering requests, so the benchmark (and a test) can show that a cached
/// reader request sends none and a miss at most two. Background work (the scheduler's tick, the search index, the
/// listener) is left out: it is no reader's cost, and it made a "zero commands" check fail whenever a tick fell between
/// two requests. An Interlocked increment per command: cheap enough to leave on.
/// </summary>
public sealed class DbCommandCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<bool> AnsweringRequest = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Marks everything the rest of the pipeline does for a request (and only that) as counted.</summary>
    public static IApplicationBuilder UseRequestCommandCounting(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        AnsweringRequest.Value = true;
        await next(context);
    });

    private void CountOne()
    {
        if (AnsweringRequest.Value) Interlocked.Increment(ref _count);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        CountOne();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CountOne();
        return ValueTask.FromResult(result);
    }
}
