using System.Security.Claims;

namespace Portal.Accounts;

public static class Roles
{
    /// <summary>Users, settings, the audit log and the emergency notice; also edits and publishes.</summary>
    public const string Administrator = "Administrator";
    /// <summary>Writes any content; publishes everything but a change of safety level.</summary>
    public const string Editor = "Editor";
    /// <summary>Approves safety-level changes (never their own).</summary>
    public const string SafetyReviewer = "SafetyReviewer";
    /// <summary>Edits and publishes translations only, never the source text.</summary>
    public const string Translator = "Translator";

    public static readonly string[] All = [Administrator, Editor, SafetyReviewer, Translator];
}

/// <summary>
/// Page-level policies: who may enter the workspace, and its administration pages. Who may edit, publish or approve
/// what is decided by <see cref="Actor"/> inside each editing command, so pages and any future API share one rule.
/// </summary>
public static class Policies
{
    public const string Workspace = "workspace";
    public const string Administer = "administer";
    /// <summary>The management API: a personal access token whose account holds any workspace role (the commands decide the rest).</summary>
    public const string ManagementApi = "management-api";
}

/// <summary>The person acting, as the editing commands see them; the rules live in the commands, not only on pages.</summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles)
{
    public static Actor From(ClaimsPrincipal user)
        => new(user.Identity?.Name ?? "anonymous", user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());

    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>Source texts: editors and administrators. Translations: translators too.</summary>
    public bool CanEdit(bool isSource) => isSource ? IsIn(Accounts.Roles.Administrator, Accounts.Roles.Editor) : IsIn(Accounts.Roles.Administrator, Accounts.Roles.Editor, Accounts.Roles.Translator);

    public bool CanPublish(bool isSource) => CanEdit(isSource);

    /// <summary>Renaming, retiring, restoring and deleting whole items: editors and administrators.</summary>
    public bool CanManageItems => IsIn(Accounts.Roles.Administrator, Accounts.Roles.Editor);
}
