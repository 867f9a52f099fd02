using Portal.Data;

namespace Portal.Content.Import;

/// <summary>
/// `dotnet run --project src/Portal -- validate [folder]` and `-- import [folder]`: command-line entry points
/// that share the web app's configuration and services but never start the web server.
/// </summary>
public static class ContentCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "validate" or "import";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var folder = args.Length > 1 ? Path.GetFullPath(args[1]) : services.GetRequiredService<ContentFolder>().Path;
        var read = services.GetRequiredService<ContentValidator>().Validate(folder);
        var (files, problems) = read;
        foreach (var p in problems) Console.Error.WriteLine(p);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"{problems.Count} problem(s) in {folder}; nothing was imported.");
            return 1;
        }
        if (args[0] == "validate")
        {
            Console.WriteLine($"{files.Count} files and {read.Media.Count} media items in {folder}: no problems.");
            return 0;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.MigrateAndSeedAsync(); // an empty database is seeded from the default folder first
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(files, read.Media);
            Console.WriteLine($"Imported {folder}: {read.Media.Count} media items checked, {result.ItemsCreated} items and {result.TranslationsCreated} translations created, {result.RevisionsCreated} new revisions, {result.Unchanged} unchanged.");
            return 0;
        }
        catch (ContentImportException ex)
        {
            foreach (var p in ex.Problems) Console.Error.WriteLine(p);
            Console.Error.WriteLine("Nothing was imported.");
            return 1;
        }
    }
}
