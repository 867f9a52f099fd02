using Microsoft.AspNetCore.Identity;
using Portal.Content.Import;

namespace Portal.Accounts;

/// <summary>
/// `dotnet run --project src/Portal -- tokens add <email> <name>`: a personal access token for a script, printed once on
/// standard output (and nowhere else); audited as created by "command-line". Revoking is done in /editor/tokens.
/// </summary>
public static class TokenCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "tokens";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 4 || args[1] != "add" || string.IsNullOrWhiteSpace(args[3]) || args[3].Length > 100)
        {
            Console.Error.WriteLine("usage: tokens add <email> <name>   (name: what the token is for, at most 100 characters)");
            return 2;
        }
        await services.MigrateAndSeedAsync();
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(args[2]);
        if (user is null)
        {
            Console.Error.WriteLine($"No account {args[2]}: create it first with `users add`.");
            return 1;
        }
        var created = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, args[3], null, "command-line");
        Console.WriteLine(created!.Secret);
        return 0;
    }
}
