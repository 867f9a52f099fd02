using System.Net;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Portal.Content.Editing;

/// <summary>A readable word-level diff as HTML (&lt;del&gt;/&lt;ins&gt;), for revisions and for outdated translations' sources.</summary>
public static class WordDiff
{
    public static string Html(string? before, string? after)
    {
        before ??= "";
        after ??= "";
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var sb = new StringBuilder();
        int ia = 0, ib = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (ib < block.InsertStartB) sb.Append(WebUtility.HtmlEncode(b[ib++]));
            ia = block.DeleteStartA;
            if (block.DeleteCountA > 0)
                sb.Append("<del>").Append(WebUtility.HtmlEncode(string.Concat(a.Skip(ia).Take(block.DeleteCountA)))).Append("</del>");
            if (block.InsertCountB > 0)
                sb.Append("<ins>").Append(WebUtility.HtmlEncode(string.Concat(b.Skip(ib).Take(block.InsertCountB)))).Append("</ins>");
            ia += block.DeleteCountA;
            ib += block.InsertCountB;
        }
        while (ib < b.Count) sb.Append(WebUtility.HtmlEncode(b[ib++]));
        return sb.ToString();
    }
}
