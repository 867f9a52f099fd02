using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Portal.Localization;

namespace Portal.Operations;

/// <summary>
/// `-- export-site <folder>`: the static mirror (<see cref="SiteMirror"/>). Unlike the other commands it needs the web
/// app itself, so Program.cs starts the whole pipeline on a loopback port of its own, this asks it for every page, and
/// the process ends. The folder is checked before anything starts.
/// </summary>
public static class SiteMirrorCommand
{
    public const string Name = "export-site";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Checks the arguments and the folder, then has the app listen on 127.0.0.1 only, on a free port; an exit code when refused.</summary>
    public static int? Prepare(WebApplicationBuilder builder, string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine($"usage: {Name} <folder>   (a new or empty folder; the mirror of every published page is written there)");
            return 2;
        }
        if (FolderProblem(Path.GetFullPath(args[1])) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        // Hundreds of requests would otherwise log a line each.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        return null;
    }

    /// <summary>Why the mirror cannot be written to <paramref name="folder"/>, or null when it can (the folder then exists).</summary>
    public static string? FolderProblem(string folder)
    {
        if (File.Exists(folder)) return $"{folder} is a file; {Name} writes into a new or empty folder.";
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            return $"{folder} is not empty; {Name} writes into a new or empty folder only (write a new one, then swap it for the old).";
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".portal-write-check");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"Cannot write to {folder}: {ex.Message}";
        }
    }

    /// <summary>Runs the export against the started <paramref name="app"/>, then stops it; the exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args, bool databaseReady)
    {
        try
        {
            if (!databaseReady)
            {
                Console.Error.WriteLine($"The database is not ready: run `migrate` first, then {Name}.");
                return 1;
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
            return await ExportAsync(app.Services, client, Path.GetFullPath(args[1]));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The export through <paramref name="client"/>, a client of this app's own pipeline.</summary>
    public static async Task<int> ExportAsync(IServiceProvider services, HttpClient client, string folder, CancellationToken ct = default)
    {
        if (FolderProblem(folder) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }
        var publicUrl = services.GetRequiredService<IConfiguration>()["Portal:PublicUrl"] is { Length: > 0 } url ? url : null;
        var mirror = new SiteMirror(client, services.GetRequiredService<PortalCultures>(), services.GetRequiredService<SiteMirrorRequests>(), publicUrl);
        SiteMirror.Result result;
        try
        {
            result = await mirror.WriteAsync(folder, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Writing the mirror to {folder} failed: {ex.Message}"); // a full disk, a folder taken away
            return 2;
        }
        Console.WriteLine($"Wrote the static mirror to {folder}: {result.Files} files, {result.Bytes:N0} bytes. "
            + $"Serve the folder with any static web server (404.html for missing addresses); see docs/operations.md#static-mirror.");
        if (result.Failures.Count == 0) return 0;
        Console.Error.WriteLine($"{result.Failures.Count} addresses could not be copied, and links to them in the mirror lead nowhere:");
        foreach (var failure in result.Failures) Console.Error.WriteLine("  " + failure);
        return 1;
    }
}
