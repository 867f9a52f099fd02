using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Portal.Content.Import;
using Portal.Data;

namespace Portal.Operations;

/// <summary>
/// A start that has to migrate or seed runs `migrate` as a short-lived child process of itself (same configuration,
/// folder and environment) and waits for it: the import's libraries (Markdig, AngleSharp, HtmlSanitizer; MVC's scan of
/// this assembly's types maps YamlDotNet's metadata in any start), their types and its heap then leave with the child
/// instead of staying resident in the serving process (docs/decisions/0010). Only the real app does this (Portal:Database:SeedInChildProcess); the tests' in-process apps,
/// whose entry assembly is the test host's, migrate and seed themselves.
/// </summary>
public static class MigrateChildProcess
{
    public static bool Applies(PortalDataOptions options)
        => options.SeedInChildProcess && Assembly.GetEntryAssembly() == typeof(MigrateChildProcess).Assembly;

    /// <summary>Runs the child when the database is behind or empty (a restart starts none); throws when it failed.</summary>
    public static async Task RunIfNeededAsync(IServiceProvider services, PortalDataOptions options, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await ContentSeeder.HasWorkAsync(db, ct)) return;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateChildProcess));
        var timeout = TimeSpan.FromSeconds(options.SeedTimeoutSeconds);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        var turn = false;
        try
        {
            // Nodes starting at once on one PostgreSQL database take turns, so the next finds the work done and serves.
            turn = await TakeTurnAsync(db, bounded.Token);
            if (turn && !await ContentSeeder.HasWorkAsync(db, bounded.Token)) return;
            var (code, errors) = await RunAsync(log, bounded.Token);
            if (code != 0) throw new MigrateChildProcessException(Explain(code, errors), code);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new MigrateChildProcessException($"migrating and seeding (`migrate` in a child process, or another node's on this database) "
                + $"did not finish within {timeout.TotalSeconds:0} s (Portal:Database:SeedTimeoutSeconds) and was stopped; run `migrate` by hand to see where it stops.", 3);
        }
        finally
        {
            if (turn) await LeaveTurnAsync(db);
        }
    }

    /// <summary>The one advisory lock of this app ("Portal" in ASCII), held by a node while its child migrates and seeds.</summary>
    private const long TurnLock = 0x506F7274616C;

    /// <summary>
    /// Waits for the turn on PostgreSQL (a session lock, released by the server should this process die). None on SQLite,
    /// which serves one node, nor before the database exists: the child creates it, and two nodes creating it at
    /// once collide (the second stops), so an operator creates it first (docs/operations.md).
    /// </summary>
    private static async Task<bool> TakeTurnAsync(PortalDbContext db, CancellationToken ct)
    {
        if (!db.IsPostgres) return false;
        try
        {
            await db.Database.OpenConnectionAsync(ct); // kept open until the scope ends: the lock is the session's
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
        await using var wait = db.Database.GetDbConnection().CreateCommand();
        wait.CommandText = $"SELECT pg_advisory_lock({TurnLock})";
        wait.CommandTimeout = 0; // as long as the other node's child may take: bounded by Portal:Database:SeedTimeoutSeconds
        await wait.ExecuteNonQueryAsync(ct);
        return true;
    }

    private static async Task LeaveTurnAsync(PortalDbContext db)
    {
        try
        {
            await db.ScalarAsync($"SELECT pg_advisory_unlock({TurnLock})", CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // A lost connection has let go of the lock already; the child's outcome is what matters here.
        }
    }

    private static async Task<(int Code, List<string> Errors)> RunAsync(ILogger log, CancellationToken ct)
    {
        using var child = new Process { StartInfo = StartInfo() };
        var errors = new List<string>();
        child.OutputDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) log.LogInformation("migrate: {Line}", e.Data); };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.Add(e.Data); };
        var clock = Stopwatch.StartNew();
        child.Start();
        log.LogInformation("Migrating and seeding the database in a child process ({Pid}): `migrate`", child.Id);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            await child.WaitForExitAsync(ct); // and for its last output lines
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        if (child.ExitCode == 0)
        {
            foreach (var line in errors) log.LogWarning("migrate: {Line}", line);
            log.LogInformation("The child process migrated and seeded the database in {Ms} ms", clock.ElapsedMilliseconds);
        }
        return (child.ExitCode, errors);
    }

    /// <summary>`dotnet Portal.dll migrate` or `Portal migrate` (the app host, as under `dotnet run`), with the start's settings.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.GetCurrentDirectory(), // so that the child finds the same content root (AppFolder)
        };
        start.Environment["Logging__Console__FormatterName"] = "simple"; // each of its log entries one relayed line
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(MigrateChildProcess).Assembly.Location);
        start.ArgumentList.Add("migrate");
        foreach (var arg in ConfigurationArguments(Environment.GetCommandLineArgs()[1..])) start.ArgumentList.Add(arg);
        return start; // the environment (ASPNETCORE_*, Portal__*, DOTNET_*) is inherited
    }

    /// <summary>The `--Key=value`, `--Key value` and `--verbose` arguments of this process (not export-site's folder).</summary>
    private static IEnumerable<string> ConfigurationArguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            yield return args[i];
            if (!args[i].Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) yield return args[++i];
        }
    }

    /// <summary>
    /// The child's own words when it refused (a database fault or a content problem, in the line `migrate` prints for
    /// them, and its stack trace with --verbose), else its exit code and standard error.
    /// </summary>
    private static string Explain(int code, List<string> errors)
    {
        var text = string.Join('\n', errors).Trim();
        var refused = PortalCommands.Refusal("migrate");
        return text.StartsWith(refused, StringComparison.Ordinal) ? text[refused.Length..]
            : $"`migrate`, run as a child process for this start, exited with code {code}{(text.Length > 0 ? ":\n" + text : "")}";
    }
}

/// <summary>The start's `migrate` child process failed; <see cref="ExitCode"/> is the start's, its message the child's.</summary>
public sealed class MigrateChildProcessException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
