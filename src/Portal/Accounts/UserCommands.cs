using Microsoft.AspNetCore.Identity;
using Portal.Audit;
using Portal.Content.Import;

namespace Portal.Accounts;

/// <summary>
/// `dotnet run --project src/Portal -- users add <email> <role>`: creates an account (the first administrator, say).
/// The password comes from PORTAL_PASSWORD or standard input, never from the command line, and there is no default.
/// </summary>
public static class UserCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length > 1 && args[1] == "languages") return await TranslatorLanguages.RunAsync(services, args);
        if (args.Length < 4 || args[1] != "add" || !Roles.All.Contains(args[3]))
        {
            Console.Error.WriteLine($"usage: users add <email> <{string.Join("|", Roles.All)}>   (password from PORTAL_PASSWORD or standard input)");
            return 2;
        }
        var (email, role) = (args[2], args[3]);
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
        var result = await CreateAsync(scope.ServiceProvider, email, role, password, "command-line");
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
