using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Content.Search;

/// <summary>
/// The reader site's search: one in-memory Lucene index per language, replaced whole by <see cref="SearchIndexer"/>
/// after every publish (nothing on disk, so a node's index is rebuilt from the database at start and can never be
/// stale across a deploy). A search reads only memory: no SQL, and the words searched for are kept nowhere.
/// </summary>
public sealed class SearchIndex
{
    public const int MaxQueryLength = 100;
    public const int MaxHits = 10;

    private volatile IReadOnlyDictionary<string, CultureIndex> _cultures = new Dictionary<string, CultureIndex>();
    private volatile bool _ready;

    /// <summary>False until every language has been indexed once after the start.</summary>
    public bool IsReady => _ready;

    public sealed record Hit(ContentKind Kind, string Url, string Title, string Culture, bool IsFallback, string Summary, string? SnippetHtml);

    /// <summary>The best matches, best first; empty when nothing matches or the words are only stop words.</summary>
    public IReadOnlyList<Hit> Search(string culture, string words)
        => _cultures.TryGetValue(culture, out var index) ? index.Search(words) : [];

    internal void Replace(string culture, CultureIndex index)
        => _cultures = new Dictionary<string, CultureIndex>(_cultures) { [culture] = index };

    internal void MarkReady() => _ready = true;
}

/// <summary>
/// One language's index. A text in the reader's language goes into title/body with that language's analyzer; the
/// source text shown where it is untranslated goes into source-title/source-body with the source language's. The
/// names field holds every language's title of the item (and a support point's city as readers spell it), so a
/// country or city is found in any script. Readers replaced by a newer index are left to the garbage collector:
/// they hold only memory, and a search may still be using them.
/// </summary>
internal sealed class CultureIndex
{
    private const string Url = "url", Kind = "kind", Culture = "culture", Summary = "summary";
    private const string Title = "title", Body = "body", SourceTitle = "source-title", SourceBody = "source-body", Names = "names";
    private static readonly string[] Fields = [Title, Body, SourceTitle, SourceBody, Names];
    private static readonly Dictionary<string, float> Boosts = new() { [Title] = 3, [SourceTitle] = 3, [Names] = 4, [Body] = 1, [SourceBody] = 1 };

    /// <summary>Stored, and indexed with the offsets of every word, which the snippets are cut and marked by.</summary>
    private static readonly FieldType BodyType = Frozen(new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;

    private CultureIndex(IndexSearcher searcher, Analyzer analyzer, long bytes) => (_searcher, _analyzer, Bytes) = (searcher, analyzer, bytes);

    /// <summary>What the index holds in memory (logged after a build: the figure to watch beside the process's RSS).</summary>
    public long Bytes { get; }

    public static CultureIndex Build(string culture, string sourceCulture, IEnumerable<SearchDocument> documents)
    {
        var source = SearchAnalyzers.For(sourceCulture);
        var analyzer = new PerFieldAnalyzerWrapper(SearchAnalyzers.For(culture), new Dictionary<string, Analyzer>
        {
            [SourceTitle] = source, [SourceBody] = source, [Names] = new SearchAnalyzers.Names(),
        });
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Version, analyzer) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var d in documents) writer.AddDocument(ToLucene(d));
        }
        return new CultureIndex(new IndexSearcher(DirectoryReader.Open(directory)), analyzer, directory.GetSizeInBytes());
    }

    private static Document ToLucene(SearchDocument d)
    {
        // A country guide outranks the pages that merely mention its country (its safety page, a story).
        var weight = d.Kind == ContentKind.CountryGuide ? 2f : 1f;
        return
        [
            new StringField(Url, d.Url, Field.Store.YES),
            new StoredField(Kind, (int)d.Kind),
            new StoredField(Culture, d.Culture),
            new StoredField(Summary, d.Summary),
            new TextField(d.IsFallback ? SourceTitle : Title, d.Title, Field.Store.YES) { Boost = weight },
            new Field(d.IsFallback ? SourceBody : Body, d.Body, BodyType),
            new TextField(Names, d.Names, Field.Store.NO) { Boost = weight },
        ];
    }

    /// <summary>
    /// The answers to this index's most recent distinct searches, at most <see cref="RecentSearches"/> (hostile queries
    /// cannot grow it), gone with the index when a publish replaces it. Keyed by a hash: the words are kept nowhere.
    /// </summary>
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = RecentSearches });
    private const int RecentSearches = 100;
    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };

    public IReadOnlyList<SearchIndex.Hit> Search(string words)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(words)));
        if (_recent.TryGetValue(key, out IReadOnlyList<SearchIndex.Hit>? known)) return known!;
        var hits = Run(words);
        _recent.Set(key, hits, OneEntry);
        return hits;
    }

    private IReadOnlyList<SearchIndex.Hit> Run(string words)
    {
        Query query;
        try
        {
            // Lower case so that AND, OR and NOT are words, not operators; escaped so that no character is syntax.
            var parser = new MultiFieldQueryParser(SearchAnalyzers.Version, Fields, _analyzer, Boosts);
            query = parser.Parse(QueryParserBase.Escape(words.ToLowerInvariant()));
        }
        catch (ParseException)
        {
            return []; // only stop words or punctuation
        }
        if (query is BooleanQuery { Clauses.Count: 0 }) return [];

        var top = _searcher.Search(query, SearchIndex.MaxHits);
        var terms = new HashSet<Term>();
        query.ExtractTerms(terms);
        var hits = new List<SearchIndex.Hit>(top.ScoreDocs.Length);
        foreach (var scored in top.ScoreDocs)
        {
            var doc = _searcher.Doc(scored.Doc);
            var fallback = doc.Get(SourceTitle) is not null;
            var bodyField = fallback ? SourceBody : Body;
            hits.Add(new SearchIndex.Hit(
                (ContentKind)doc.GetField(Kind).GetInt32Value()!.Value, doc.Get(Url), doc.Get(fallback ? SourceTitle : Title), doc.Get(Culture),
                fallback, doc.Get(Summary), Snippet(terms, scored.Doc, bodyField, doc.Get(bodyField))));
        }
        return hits;
    }

    /// <summary>
    /// The passage of the body around its first matches, escaped, with the matched words in &lt;mark&gt;; null when only the
    /// title or a name matched. The offsets of the matches come from the index (the body is indexed with them), so no text
    /// is analyzed again per search: re-analysing twenty bodies with the stemmers cost 10-200 ms a search.
    /// </summary>
    private string? Snippet(HashSet<Term> terms, int docId, string field, string text)
    {
        var leaves = _searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        var fieldTerms = leaf.AtomicReader.GetTerms(field);
        if (fieldTerms is null) return null;
        var matches = new List<(int Start, int End)>();
        var termsEnum = fieldTerms.GetEnumerator();
        foreach (var term in terms)
        {
            if (term.Field != field || !termsEnum.SeekExact(term.Bytes)) continue;
            var postings = termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
            if (postings is null || postings.Advance(docId - leaf.DocBase) != docId - leaf.DocBase) continue;
            for (var i = 0; i < postings.Freq; i++)
            {
                postings.NextPosition();
                if (postings.StartOffset >= 0 && postings.EndOffset <= text.Length) matches.Add((postings.StartOffset, postings.EndOffset));
            }
        }
        if (matches.Count == 0) return null;
        matches.Sort();

        // From a word boundary before the first match to one after about SnippetLength characters.
        var from = text.LastIndexOf(' ', Math.Max(0, matches[0].Start - 40));
        from = from < 0 || matches[0].Start - from > 60 ? Math.Max(0, matches[0].Start - 40) : from + 1;
        var to = Math.Min(text.Length, from + SnippetLength);
        var space = to < text.Length ? text.IndexOf(' ', to) : -1;
        to = space >= 0 && space - to < 20 ? space : to;

        var sb = new StringBuilder(to - from + 64);
        if (from > 0) sb.Append('…');
        var at = from;
        foreach (var (start, end) in matches)
        {
            if (start < at || end > to) continue;
            Escape(sb, text, at, start);
            sb.Append("<mark>");
            Escape(sb, text, start, end);
            sb.Append("</mark>");
            at = end;
        }
        Escape(sb, text, at, to);
        if (to < text.Length) sb.Append('…');
        return sb.ToString();
    }

    private const int SnippetLength = 180;

    /// <summary>
    /// Escapes markup only: Lucene's SimpleHTMLEncoder would write every non-ASCII letter as a numeric entity, doubling an
    /// Arabic snippet and making the page source unreadable.
    /// </summary>
    private static void Escape(StringBuilder sb, string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == '<') sb.Append("&lt;");
            else if (c == '>') sb.Append("&gt;");
            else if (c == '&') sb.Append("&amp;");
            else if (c == '"') sb.Append("&quot;");
            else sb.Append(c);
        }
    }
}
