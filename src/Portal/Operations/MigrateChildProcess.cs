using System.Diagnostics;
using System.Reflection;
using Portal.Content.Import;
using Portal.Data;

namespace Portal.Operations;

/// <summary>
/// A start that has to migrate or seed runs `migrate` as a short-lived child process of itself (same configuration,
/// folder and environment) and waits for it: the import's libraries (Markdig, YamlDotNet, AngleSharp, HtmlSanitizer),
/// their types and its heap then leave with the child instead of staying resident in the serving process
/// (docs/decisions/0010). Only the real app does this (Portal:Database:SeedInChildProcess); the tests' in-process apps,
/// whose entry assembly is the test host's, migrate and seed themselves.
/// </summary>
public static class MigrateChildProcess
{
    public static bool Applies(PortalDataOptions options)
        => options.SeedInChildProcess && Assembly.GetEntryAssembly() == typeof(MigrateChildProcess).Assembly;

    /// <summary>Runs the child when the database is behind or empty (a restart starts none); throws when it failed.</summary>
    public static async Task RunIfNeededAsync(IServiceProvider services, PortalDataOptions options, CancellationToken ct)
    {
        if (!await HasWorkAsync(services, ct)) return;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateChildProcess));
        var timeout = TimeSpan.FromMinutes(options.SeedTimeoutMinutes);
        var (code, errors) = await RunAsync(log, timeout, ct);
        if (code == 0) return;
        // Two nodes started on one empty database at once: the other's import won (one transaction, unique keys refuse
        // the second), so the content is there exactly once and this node can serve it.
        if (code != TimedOut && !await HasWorkAsync(services, ct))
        {
            log.LogWarning("`migrate` failed (exit code {Code}), but the database is now up to date and seeded: another node did it at the same time", code);
            return;
        }
        throw new MigrateChildProcessException(Explain(code, errors, timeout), code == TimedOut ? 3 : code);
    }

    private const int TimedOut = -1;

    private static async Task<bool> HasWorkAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await ContentSeeder.HasWorkAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), ct);
    }

    private static async Task<(int Code, List<string> Errors)> RunAsync(ILogger log, TimeSpan timeout, CancellationToken ct)
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
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await child.WaitForExitAsync(bounded.Token); // and for its last output lines
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
            if (ct.IsCancellationRequested) throw;
            return (TimedOut, errors);
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
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true"; // each of its log entries one relayed line
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(MigrateChildProcess).Assembly.Location);
        start.ArgumentList.Add("migrate");
        foreach (var arg in ConfigurationArguments(Environment.GetCommandLineArgs()[1..])) start.ArgumentList.Add(arg);
        return start; // the environment (ASPNETCORE_*, Portal__*, DOTNET_*) is inherited
    }

    /// <summary>The `--Key=value`, `--Key value` and `--verbose` arguments of this process (not export-site's folder).</summary>
    public static IEnumerable<string> ConfigurationArguments(string[] args)
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
    /// them, and its stack trace with --verbose), else what is known: its exit code and standard error, or the time limit.
    /// </summary>
    private static string Explain(int code, List<string> errors, TimeSpan timeout)
    {
        if (code == TimedOut)
            return $"`migrate`, run as a child process for this start, did not finish within {timeout.TotalMinutes:0} minutes "
                + "(Portal:Database:SeedTimeoutMinutes) and was stopped; run `migrate` by hand to see where it stops.";
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
