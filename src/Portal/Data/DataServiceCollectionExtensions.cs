using Microsoft.EntityFrameworkCore;
using Portal.Data.CompiledModels.Postgres;
using Portal.Data.CompiledModels.Sqlite;

namespace Portal.Data;

public static class DataServiceCollectionExtensions
{
    // UseModel: the compiled models (scripts/compile-model.sh) spare every cold start building the model (docs/decisions/0003);
    // ModelTests fails while either is out of date.
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalDataOptions.Section);
        var provider = ParseProvider(section["Provider"]);
        builder.Services.AddOptions<PortalDataOptions>().BindConfiguration(PortalDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DbCommandCounter>();
        builder.Services.AddSingleton<DatabaseWrites>();
        var options = section.Get<PortalDataOptions>() ?? new PortalDataOptions();

        if (provider == DatabaseProvider.PostgreSql)
        {
            var cs = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new PortalConfigurationException("Portal:Database:ConnectionString (Portal__Database__ConnectionString) is required for PostgreSQL, e.g. \"Host=db;Database=portal;Username=portal;Password=…\".")
                : options.ConnectionString;
            builder.Services.AddDbContext<PortalDbContext, PostgresPortalDbContext>((sp, o) => o.UseNpgsql(cs).UseModel(PostgresPortalDbContextModel.Instance).AddInterceptors(sp.GetRequiredService<DbCommandCounter>(), sp.GetRequiredService<DatabaseWrites>(), sp.GetRequiredService<Webhooks.WebhookOutbox>()).LogFailuresWhereHandled());
        }
        else
        {
            var cs = string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultSqliteConnectionString(builder.Environment.ContentRootPath) : options.ConnectionString;
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, o) => o.UseSqlite(cs).UseModel(SqlitePortalDbContextModel.Instance).AddInterceptors(sp.GetRequiredService<DbCommandCounter>(), sp.GetRequiredService<DatabaseWrites>(), sp.GetRequiredService<Webhooks.WebhookOutbox>()).LogFailuresWhereHandled());
        }
        return builder;
    }

    /// <summary>
    /// EF Core logs a failed connection, command, transaction or save as an error, with its stack trace, before the
    /// exception reaches anyone: an operator read "An error occurred using a transaction" 371 times and never "disk full",
    /// and `migrate` on a database that does not exist yet (it then creates it) logged two "fail:" lines. Every failure
    /// that matters is logged once where it is handled, with its cause and an error id (Infrastructure/ServerErrors.cs,
    /// SaveDraft, the scheduler, the start), so EF Core's own lines are debug.
    /// </summary>
    private static DbContextOptionsBuilder LogFailuresWhereHandled(this DbContextOptionsBuilder o) => o.ConfigureWarnings(w => w.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionError, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>
    /// Checked before the configuration binder sees the value: the binder's answer to "Oracle" is an exception about
    /// type conversion, and an operator who mistyped an environment variable deserves one line that says what to write.
    /// </summary>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        var name = Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is not null) return Enum.Parse<DatabaseProvider>(name);
        throw new PortalConfigurationException($"Portal:Database:Provider (Portal__Database__Provider) is '{value}'; expected Sqlite (the default) or PostgreSql.");
    }

    private static string DefaultSqliteConnectionString(string contentRoot)
    {
        var dir = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, "portal.db")}";
    }
}
