using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Data;

namespace Portal.Pages.Editor.Tokens;

/// <summary>
/// /editor/tokens: administrators create personal access tokens for the management API (the token is shown once, in
/// the answer to the POST, never stored or redirected through TempData), list them and revoke them; both are audited.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(PortalDbContext db, AccessTokens tokens, TimeProvider clock) : PageModel
{
    public sealed record TokenRow(int Id, string Prefix, string Name, string Owner, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy);

    public sealed class NewToken
    {
        [Required] public string UserId { get; set; } = "";
        [Required, MaxLength(100)] public string Name { get; set; } = "";
        /// <summary>Optional; the token stops at the start of this day (UTC).</summary>
        public DateOnly? Expires { get; set; }
    }

    [BindProperty]
    public NewToken Input { get; set; } = new();

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];
    public IReadOnlyList<(string Id, string Email)> Accounts { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>The new token, only in the answer that created it.</summary>
    public string? Created { get; private set; }
    public bool Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        DateTimeOffset? expires = Input.Expires is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        var created = ModelState.IsValid && !string.IsNullOrWhiteSpace(Input.Name) && (expires is null || expires > clock.GetUtcNow())
            ? await tokens.CreateAsync(Input.UserId, Input.Name, expires, User.Identity!.Name!, ct)
            : null;
        if (created is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Created = created.Secret;
            Input = new NewToken();
            ModelState.Clear();
        }
        Response.Headers.CacheControl = "no-store"; // the secret must not stay in any cache
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        await tokens.RevokeAsync(id, User.Identity!.Name!, ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = (await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
            .Select(u => (u.Id, u.Email ?? "")).ToList();
        var rows = await (from t in db.AccessTokens.AsNoTracking()
                          join u in db.Users on t.UserId equals u.Id
                          select new TokenRow(t.Id, t.Prefix, t.Name, u.Email ?? "", t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.ExpiresAt, t.RevokedAt, t.RevokedBy))
            .ToListAsync(ct);
        Tokens = rows.OrderBy(r => r.RevokedAt is not null).ThenByDescending(r => r.Id).ToList();
    }
}
