using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;

namespace Portal.Tests.Support;

public static class ApiTokens
{
    /// <summary>An editor's account and a personal access token for it, made by the same code as `users add` and /editor/tokens.</summary>
    public static async Task<string> EditorTokenAsync(this PortalApplication app, string email = "script@example.org")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        Assert.True((await UserCommands.CreateAsync(sp, email, Roles.Editor, EditorSession.Password, "test")).Succeeded);
        var user = await sp.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email);
        var created = await sp.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "test", null, "test");
        return created!.Secret;
    }

    public static void UseToken(this HttpClient client, string token) => client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
