using Microsoft.AspNetCore.Identity;
using Portal.Audit;
using Portal.Content.Import;

namespace Portal.Accounts;

/// <summary>
/// `dotnet run --project src/Portal -- users …`: accounts from the server's command line, e.g. the first administrator,
/// or a way back in when no administrator is left to use /editor/users. The same rules as that page
/// (<see cref="AccountChanges"/>), audited as "command-line":
/// <c>users add &lt;email&gt; &lt;role&gt;</c> (the password from PORTAL_PASSWORD or standard input, never the command line; there is no
/// default), <c>users role &lt;email&gt; &lt;role&gt; [--remove]</c>, <c>users lock|unlock &lt;email&gt;</c>, <c>users list</c>.
/// </summary>
public static class UserCommands
{
    private const string Actor = "command-line";
    private static readonly string RoleNames = string.Join("|", Roles.All);
    private static readonly string Usage = $"""
        usage: users add <email> <{RoleNames}>   (password from PORTAL_PASSWORD or standard input)
               users role <email> <{RoleNames}> [--remove]
               users lock <email> | users unlock <email>
               users list
               users languages <email> <fr,ar,...>   (a translator's languages)
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length > 1 && args[1] == "languages") return await TranslatorLanguages.RunAsync(services, args, Actor);
        var verb = args.Length > 1 ? args[1] : "";
        var valid = verb switch
        {
            "add" => args.Length == 4 && Roles.All.Contains(args[3]),
            "role" => (args.Length == 4 || (args.Length == 5 && args[4] == "--remove")) && Roles.All.Contains(args[3]),
            "lock" or "unlock" => args.Length == 3,
            "list" => args.Length == 2,
            _ => false,
        };
        if (!valid)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (verb == "add") return await AddAsync(services, args[2], args[3]);

        await services.MigrateAndSeedAsync();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (verb == "list")
        {
            foreach (var u in users.Users.OrderBy(u => u.Email).ToList())
            {
                var roles = await users.GetRolesAsync(u);
                Console.WriteLine($"{u.Email}\t{(roles.Count == 0 ? "(no role)" : string.Join(",", roles.Order(StringComparer.Ordinal)))}{(await users.IsLockedOutAsync(u) ? "\tlocked" : "")}");
            }
            return 0;
        }
        var user = await users.FindByEmailAsync(args[2]);
        if (user is null)
        {
            Console.Error.WriteLine($"No account {args[2]}: `users list` shows them, `users add` creates one.");
            return 1;
        }
        var changes = scope.ServiceProvider.GetRequiredService<AccountChanges>();
        var outcome = verb == "role"
            ? await changes.SetRoleAsync(user, args[3], remove: args.Length == 5, Actor)
            : await changes.SetLockedAsync(user, locked: verb == "lock", Actor);
        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine(outcome.Error);
            return 1;
        }
        Console.WriteLine(verb switch
        {
            "role" => $"{user.Email}: {(args.Length == 5 ? "removed" : "added")} {args[3]}.",
            "lock" => $"{user.Email}: locked; its open sessions and tokens stop working.",
            _ => $"{user.Email}: unlocked.",
        });
        return 0;
    }

    private static async Task<int> AddAsync(IServiceProvider services, string email, string role)
    {
        var password = Environment.GetEnvironmentVariable("PORTAL_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) Console.Error.Write("Password: ");
            password = Console.ReadLine();
        }
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password given (PORTAL_PASSWORD or standard input).");
            return 2;
        }

        await services.MigrateAndSeedAsync(); // a fresh install: the database may not exist yet
        await using var scope = services.CreateAsyncScope();
        var result = await CreateAsync(scope.ServiceProvider, email, role, password, Actor);
        foreach (var e in result.Errors) Console.Error.WriteLine(e.Description);
        if (!result.Succeeded) return 1;
        Console.WriteLine($"Created {email} ({role}).");
        return 0;
    }

    public static async Task<IdentityResult> CreateAsync(IServiceProvider sp, string email, string role, string password, string createdBy)
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));

        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return result;
        result = await users.AddToRoleAsync(user, role);
        if (result.Succeeded)
            await sp.GetRequiredService<AuditLog>().RecordNowAsync(createdBy, AuditActions.UserCreated, email, role);
        return result;
    }
}
