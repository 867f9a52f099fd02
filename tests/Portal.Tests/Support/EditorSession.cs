using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;

namespace Portal.Tests.Support;

public static class EditorSession
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates the account (through the same code as `users add`) and signs in through the real sign-in form.</summary>
    public static async Task<HttpClient> SignInAsync(this PortalApplication app, string email, params string[] roles)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await UserCommands.CreateAsync(scope.ServiceProvider, email, roles[0], Password, "test");
            Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var user = await users.FindByEmailAsync(email);
            foreach (var extra in roles.Skip(1)) await users.AddToRoleAsync(user!, extra);
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await client.TrySignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetDocumentAsync("/editor/sign-in");
        return await client.SubmitAsync(page, "main form", "main form button[type=submit]", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    public static async Task<int> ItemIdAsync(this PortalApplication app, string key)
        => await app.WithDbAsync((db, _) => Task.FromResult(db.ContentItems.Single(i => i.Key == key).Id));
}
