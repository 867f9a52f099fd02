using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Accounts;
using Portal.Notices;

namespace Portal.Pages.Editor.Notice;

/// <summary>The emergency notice: one text per language (the Dutch one is shown where a translation is missing).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(NoticeCommands commands, SiteNoticeState state, PortalOptions options) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Texts { get; set; } = [];

    public IReadOnlyList<string> Cultures => options.Cultures;
    public bool Active => state.ActiveId is not null;
    public string? Error { get; private set; }

    public void OnGet()
    {
        foreach (var c in options.Cultures)
            if (state.For(c) is { } n && n.Culture == c) Texts[c] = n.Text;
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!await commands.PublishAsync(Texts, Actor.From(User), ct))
        {
            Error = "The Dutch text is required.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        await commands.RemoveAsync(Actor.From(User), ct);
        return RedirectToPage();
    }
}
