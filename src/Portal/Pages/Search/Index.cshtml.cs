using System.Text;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Content.Search;
using Portal.Localization;

namespace Portal.Pages.Search;

/// <summary>
/// /{culture}/search?q=…: the reader's words against <see cref="SearchIndex"/>. Not output-cached (one entry per query
/// would let anyone fill the memory with hostile queries; the index keeps a bounded few answers itself), and no-store, so the words stay out of shared caches; the
/// request log has the path only. Empty words get the form, too many a 400, all with a sentence saying what to do.
/// </summary>
public sealed class IndexModel(SearchIndex index, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public enum Outcome { Empty, TooLong, NotReady, Found }

    public string Query { get; private set; } = "";
    public Outcome State { get; private set; }
    public IReadOnlyList<SearchIndex.Hit> Hits { get; private set; } = [];

    public IActionResult OnGet(string? q)
    {
        Response.Headers.CacheControl = "no-store";
        AlternatesForAllCultures(ReaderUrls.Search);
        Query = Clean(q);
        if (Query.Length == 0) State = Outcome.Empty;
        else if (Query.Length > SearchIndex.MaxQueryLength) (State, Response.StatusCode) = (Outcome.TooLong, StatusCodes.Status400BadRequest);
        else if (!index.IsReady)
        {
            (State, Response.StatusCode) = (Outcome.NotReady, StatusCodes.Status503ServiceUnavailable);
            Response.Headers.RetryAfter = "10";
        }
        else (State, Hits) = (Outcome.Found, index.Search(Culture, Query));
        return Page();
    }

    /// <summary>Control characters out, runs of spaces as one, composed form (a pasted word may arrive decomposed).</summary>
    private static string Clean(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return "";
        var sb = new StringBuilder(Math.Min(q.Length, SearchIndex.MaxQueryLength * 2));
        foreach (var c in q)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
            if (sb.Length > SearchIndex.MaxQueryLength * 2) break; // enough to know it is too long
        }
        var clean = sb.ToString().Trim();
        try { return clean.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { return clean; } // a lone surrogate: searched as it is
    }
}
