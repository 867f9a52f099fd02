using Portal.Accounts;
using Portal.Content.Import;

namespace Portal.Operations;

/// <summary>
/// The command line beside the web app: `validate|import [folder]`, `users add|role|lock|unlock|list`, `tokens add <email>
/// <name>`, `migrate`, `backup <file>`, `export <folder> [--drafts]`. They run on the web app's configuration and services
/// but never start its web server. (`health-check` runs before any of that is set up: <see cref="HealthCheckCommand"/>.)
/// </summary>
public static class PortalCommands
{
    public static bool IsCommand(string[] args)
        => ContentCommands.IsCommand(args) || UserCommands.IsCommand(args) || TokenCommands.IsCommand(args) || OperationsCommands.IsCommand(args);

    /// <summary>Runs the command <paramref name="args"/> names and returns its exit code; null when they name none (serve the web app).</summary>
    public static async Task<int?> TryRunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (!IsCommand(args)) return null;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var cli = builder.Build();
        try
        {
            return UserCommands.IsCommand(args) ? await UserCommands.RunAsync(cli.Services, args)
                : TokenCommands.IsCommand(args) ? await TokenCommands.RunAsync(cli.Services, args)
                : OperationsCommands.IsCommand(args) ? await OperationsCommands.RunAsync(cli.Services, args)
                : await ContentCommands.RunAsync(cli.Services, args);
        }
        // As a start does: a fault of the database (corrupt, unreadable, read-only, disk full, unreachable) or a content
        // folder the first seed cannot read is one line and an exit code, not an abort with a stack trace.
        catch (Exception ex) when (cli.Services.GetRequiredService<DatabaseStartup>().Explain(ex) is { } line)
        {
            return Refused(cli, args, ex, line, exitCode: 3);
        }
        catch (ContentImportException ex)
        {
            return Refused(cli, args, ex, ex.Message, exitCode: 1);
        }
    }

    /// <summary>How a refused command's one line begins (a start's `migrate` child is read by it: <see cref="MigrateChildProcess"/>).</summary>
    public static string Refusal(string command) => $"Portal cannot run {command}: ";

    private static int Refused(WebApplication cli, string[] args, Exception exception, string line, int exitCode)
    {
        Console.Error.WriteLine(Refusal(args[0]) + line);
        if (args.Contains("--verbose") || cli.Environment.IsDevelopment()) Console.Error.WriteLine(exception);
        return exitCode;
    }
}
