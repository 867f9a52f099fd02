using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Accounts;

public static class AccountsExtensions
{
    public const string SignInRateLimit = "sign-in";

    public static IHostApplicationBuilder AddPortalAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                // Length over composition rules (NIST SP 800-63B): a 12-character passphrase, no forced digits or capitals.
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The keys that encrypt editors' cookies live in the portal's database, under one application name (by default it
        // is the content root path, which may differ per node): an editor signed in on one node stays signed in on the
        // others, and a restart or a new container signs nobody out.
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // Not a default scheme: only the management API's policy asks for it.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        services.AddScoped<AccessTokens>();
        services.AddScoped<AccountChanges>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<MustChangePasswordFilter>());
        // The workspace cookie is checked against the account on every request (Identity's security stamp validator with
        // no interval), on whichever node serves it: a lock, a removed role or a new password counts from the person's
        // next request, not after the cookie's 8 hours. It costs an editor request five small SQL reads (account, roles, claims) and
        // a renewed cookie (measured 2026-12-06); readers never carry the cookie, so they pay nothing.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<FailedTokenAttempts>();
        services.ConfigureApplicationCookie(o =>
        {
            // Scoped to /editor: a reader's request never carries (or gets) an editor cookie.
            o.Cookie.Name = "portal.editor";
            o.Cookie.Path = "/editor";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure under HTTPS
            o.LoginPath = "/editor/sign-in";
            o.LogoutPath = "/editor/sign-out";
            o.AccessDeniedPath = "/editor/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = AccountCheck.KeepingIdentityInOutage(o.Events.OnValidatePrincipal);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portal.af";
            o.Cookie.Path = "/editor";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            // The editor's "saved"/"published" messages ride in TempData: the same cookie rules as the sign-in cookie.
            o.Cookie.Name = "portal.status";
            o.Cookie.Path = "/editor";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Workspace, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ManagementApi, p => p.AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName).RequireRole(Roles.All));

        // Sign-in attempts per client per minute (POSTs only). The address is a partition key in memory, never logged.
        var permits = builder.Configuration.GetValue("Portal:Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return builder;
    }

    /// <summary>
    /// Readers never use data protection, yet its hosted service loads the key ring from the database before the server
    /// listens (an EF query on every cold start); without it, the first editor request loads the keys. Called last,
    /// because AddAuthentication, AddAntiforgery and AddRazorPages each add that service again.
    /// </summary>
    public static void SkipDataProtectionPreload(this IServiceCollection services)
    {
        var preload = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList();
        foreach (var d in preload) services.Remove(d);
    }
}
