using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Data;

namespace Portal.Pages.Editor;

/// <summary>
/// The dashboard: first what is waiting for me (sign-offs, changes sent back to me, translations outdated in my
/// languages, reviews due, scheduled publications), each capped with a link to all of it; then the items × languages
/// matrix, filtered by kind, language and state, searched by title or key, and paged (the query string is the state:
/// <c>?kind=&amp;lang=&amp;state=&amp;q=&amp;page=</c>). A translator's matrix opens on their own languages.
/// </summary>
public sealed class IndexModel(PortalDbContext db, PortalOptions options, TimeProvider clock, DashboardSnapshots snapshots) : PageModel
{
    /// <summary>The to-do lists that can be shown whole with <c>?all=</c>.</summary>
    public static readonly string[] Lists = ["signoff", "sentback", "reviews", "scheduled"];

    public IReadOnlyList<string> Cultures => options.Cultures;
    public string SourceCulture => options.SourceCulture;
    public Dashboard.Filter Filter { get; private set; } = new(null, [], null, null, 1);
    /// <summary>The matrix's columns: every language, or the source and the languages filtered on.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = [];
    public IReadOnlyList<Dashboard.Row> Matrix { get; private set; } = [];
    public int MatrixTotal { get; private set; }
    public int PageCount => Math.Max(1, (MatrixTotal + Dashboard.PageSize - 1) / Dashboard.PageSize);
    /// <summary>The languages "mine" means: a translator's own (all translations when none are recorded); everyone else's, every translation.</summary>
    public IReadOnlyList<string> MyLanguages { get; private set; } = [];
    public bool IsTranslatorOnly { get; private set; }
    public bool IsReviewer { get; private set; }

    public Dashboard.Capped<Dashboard.SignOff> AwaitingSignOff { get; private set; } = new([], 0);
    public Dashboard.Capped<Dashboard.SentBack> SentBackToMe { get; private set; } = new([], 0);
    public Dashboard.Capped<Dashboard.Cell> Outdated { get; private set; } = new([], 0);
    public Dashboard.Capped<Dashboard.Due> ReviewsDue { get; private set; } = new([], 0);
    public Dashboard.Capped<Dashboard.Pending> Scheduled { get; private set; } = new([], 0);
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    /// <summary>One to-do list shown whole (<c>?all=reviews</c>), paged by <see cref="Dashboard.ListPageSize"/>, instead of the dashboard.</summary>
    public string? All { get; private set; }
    public int ListPageCount(int total) => Math.Max(1, (total + Dashboard.ListPageSize - 1) / Dashboard.ListPageSize);

    /// <summary>Query values that were not understood (an unknown kind, language, state or page): said on the page, with a 400.</summary>
    public List<string> Ignored { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? kind, string[]? lang, string? state, string? q, string? all, CancellationToken ct)
    {
        var actor = Actor.From(User);
        IsReviewer = actor.IsIn(Roles.SafetyReviewer);
        IsTranslatorOnly = actor.IsIn(Roles.Translator) && !actor.IsIn(Roles.Editor, Roles.Administrator);
        var translations = options.Cultures.Where(c => c != options.SourceCulture).ToList();
        var own = TranslatorLanguages.Of(User).Where(translations.Contains).ToList();
        MyLanguages = IsTranslatorOnly && own.Count > 0 ? own : translations;

        ContentKind? kindFilter = null;
        if (!string.IsNullOrEmpty(kind)) { if (ContentKinds.TryParse(kind, out var k)) kindFilter = k; else Ignored.Add($"kind={kind}"); }
        var languages = (lang ?? []).Where(l => !string.IsNullOrEmpty(l)).Distinct().ToList();
        foreach (var unknown in languages.Where(l => !options.Cultures.Contains(l)).ToList()) { Ignored.Add($"lang={unknown}"); languages.Remove(unknown); }
        // No lang in the query at all: a translator starts on their languages; lang= (empty) asks for every language.
        if (languages.Count == 0) languages = IsTranslatorOnly && !Request.Query.ContainsKey("lang") ? MyLanguages.ToList() : options.Cultures.ToList();
        if (!string.IsNullOrEmpty(state) && !Dashboard.States.Contains(state)) { Ignored.Add($"state={state}"); state = null; }
        // Read from the query itself: "page" is also Razor Pages' own route value (the page's name).
        var page = Request.Query["page"].ToString();
        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, out pageNumber) || pageNumber < 1 || pageNumber > 100_000)) { Ignored.Add($"page={page}"); pageNumber = 1; }
        if (q?.Length > 200) { Ignored.Add("q"); q = null; }
        if (!string.IsNullOrEmpty(all) && !Lists.Contains(all)) { Ignored.Add($"all={all}"); all = null; }
        if (Ignored.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;

        Filter = new Dashboard.Filter(kindFilter, languages, string.IsNullOrEmpty(state) ? null : state, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), pageNumber);
        Columns = languages.Count == options.Cultures.Count ? options.Cultures
            : options.Cultures.Where(c => c == options.SourceCulture || languages.Contains(c)).ToList();

        var dashboard = new Dashboard(db, options, clock, snapshots);
        var stamp = await dashboard.StampAsync(ct);
        var me = User.Identity?.Name;
        if (all is not null)
        {
            All = all;
            var skip = (pageNumber - 1) * Dashboard.ListPageSize;
            await LoadListsAsync(dashboard, stamp, me, all == "reviews" ? (skip, Dashboard.ListPageSize) : (0, Dashboard.Cap),
                all == "scheduled" ? (skip, Dashboard.ListPageSize) : (0, Dashboard.Cap), uncapped: true, ct);
            return Page();
        }
        await LoadListsAsync(dashboard, stamp, me, (0, Dashboard.Cap), (0, Dashboard.Cap), uncapped: false, ct);
        Outdated = await dashboard.OutdatedAsync(MyLanguages, stamp, ct);
        (Matrix, MatrixTotal) = await dashboard.MatrixAsync(Filter, Columns, ct);
        Recent = await dashboard.RecentAsync(ct);
        return Page();
    }

    private async Task LoadListsAsync(Dashboard dashboard, DashboardSnapshots.Stamp stamp, string? me, (int Skip, int Take) reviews, (int Skip, int Take) scheduled, bool uncapped, CancellationToken ct)
    {
        var (awaiting, sentBack) = await dashboard.SafetyChangesAsync(ct);
        // A Safety reviewer's list is what they can sign off: not their own changes.
        if (IsReviewer) awaiting = awaiting.Where(a => a.Author != me).ToList();
        var mine = sentBack.Where(s => s.Author == me).ToList();
        AwaitingSignOff = new(uncapped ? awaiting : awaiting.Take(Dashboard.Cap).ToList(), awaiting.Count);
        SentBackToMe = new(uncapped ? mine : mine.Take(Dashboard.Cap).ToList(), mine.Count);
        ReviewsDue = await dashboard.ReviewsDueAsync(reviews.Skip, reviews.Take, stamp, ct);
        Scheduled = await dashboard.ScheduledAsync(scheduled.Skip, scheduled.Take, ct);
    }

    /// <summary>This dashboard's URL with some query values changed (null removes one); the filters survive paging.</summary>
    public string Link(string? kind = "", IReadOnlyList<string>? lang = null, string? state = "", string? q = "", int? page = null, string? all = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        var k = kind == "" ? Filter.Kind?.ToKebab() : kind;
        if (k is not null) query.Add(new("kind", k));
        foreach (var l in lang ?? (Filter.Languages.Count == options.Cultures.Count ? [""] : Filter.Languages)) query.Add(new("lang", l));
        var s = state == "" ? Filter.State : state;
        if (s is not null) query.Add(new("state", s));
        var text = q == "" ? Filter.Query : q;
        if (text is not null) query.Add(new("q", text));
        if (page is > 1) query.Add(new("page", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (all is not null) query.Add(new("all", all));
        return "/editor" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}
