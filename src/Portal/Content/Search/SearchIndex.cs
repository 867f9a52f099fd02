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
/// The reader site's search: one Lucene index per language, replaced whole by <see cref="SearchIndexer"/> after every
/// publish and rebuilt from the database at start, so it can never be stale across a deploy. Each build is written to a
/// folder of its own under <c>Portal:Search:Folder</c> (by default <c>portal-search</c> in the system's temporary
/// folder), which can be thrown away at any time: the index is read through the system's file cache, so the 1,000-country
/// corpus's index is not in the process's own memory (docs/decisions/0010). A search sends no SQL, and the words
/// searched for are kept nowhere.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int MaxQueryLength = 100;
    public const int MaxHits = 10;

    /// <summary>A replaced index is closed this long after: no search takes that long, and one that does is run again.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private volatile IReadOnlyDictionary<string, CultureIndex> _cultures = new Dictionary<string, CultureIndex>();
    private volatile bool _ready;
    private readonly string _folder;
    private int _builds;

    public SearchIndex(IConfiguration configuration)
    {
        var root = Path.GetFullPath(configuration["Portal:Search:Folder"] is { Length: > 0 } f ? f : Path.Combine(Path.GetTempPath(), "portal-search"));
        System.IO.Directory.CreateDirectory(root);
        RemoveLeftovers(root);
        // Per process and per host in it (the tests run several), named by the process so that leftovers can be told apart.
        _folder = Path.Combine(root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(_folder);
        CollectAfterBuild = configuration.GetValue("Portal:Search:CollectAfterBuild", true);
    }

    /// <summary>Whether <see cref="SearchIndexer"/> collects the garbage after each language's build (off in the tests' shared process).</summary>
    internal bool CollectAfterBuild { get; }

    /// <summary>False until every language has been indexed once after the start.</summary>
    public bool IsReady => _ready;

    public sealed record Hit(ContentKind Kind, string Url, string Title, string Culture, bool IsFallback, string Summary, string? SnippetHtml);

    /// <summary>The best matches, best first; empty when nothing matches or the words are only stop words.</summary>
    public IReadOnlyList<Hit> Search(string culture, string words)
    {
        while (true)
        {
            if (!_cultures.TryGetValue(culture, out var index)) return [];
            try
            {
                return index.Search(words);
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(index, _cultures.GetValueOrDefault(culture)))
            {
                // Replaced and closed while this search ran (after the grace period): the new index answers.
            }
        }
    }

    /// <summary>A folder for one language's next build.</summary>
    internal string NewBuildFolder(string culture) => Path.Combine(_folder, $"{culture}-{Interlocked.Increment(ref _builds)}");

    internal void Replace(string culture, CultureIndex index)
    {
        var old = _cultures.GetValueOrDefault(culture);
        _cultures = new Dictionary<string, CultureIndex>(_cultures) { [culture] = index };
        if (old is not null) _ = Task.Delay(Grace).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
    }

    internal void MarkReady() => _ready = true;

    public void Dispose()
    {
        foreach (var index in _cultures.Values) index.Dispose();
        TryDelete(_folder);
    }

    /// <summary>Folders left by processes that no longer run (killed, or a crash): the index is rebuilt at every start anyway.</summary>
    private static void RemoveLeftovers(string root)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], out var pid) || IsRunning(pid)) continue;
            TryDelete(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere, or already gone: the next start removes it.
        }
    }
}

/// <summary>
/// One language's index. A text in the reader's language goes into title/body with that language's analyzer; the
/// source text shown where it is untranslated goes into source-title/source-body with the source language's. The
/// names field holds every language's title of the item (and a support point's city as readers spell it), so a
/// country or city is found in any script. Read with NIOFSDirectory (positioned reads) rather than memory-mapped, so
/// that what is read is the system's file cache, not pages of this process.
/// </summary>
internal sealed class CultureIndex : IDisposable
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
    private readonly DirectoryReader _reader;
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly string _folder;

    private CultureIndex(DirectoryReader reader, Lucene.Net.Store.Directory directory, string folder, Analyzer analyzer, long bytes)
        => (_reader, _searcher, _directory, _folder, _analyzer, Bytes) = (reader, new IndexSearcher(reader), directory, folder, analyzer, bytes);

    /// <summary>The index's size on disk (logged after a build).</summary>
    public long Bytes { get; }

    public static async Task<CultureIndex> BuildAsync(string culture, string sourceCulture, IAsyncEnumerable<SearchDocument> documents, string folder, CancellationToken ct)
    {
        var source = SearchAnalyzers.For(sourceCulture);
        var analyzer = new PerFieldAnalyzerWrapper(SearchAnalyzers.For(culture), new Dictionary<string, Analyzer>
        {
            [SourceTitle] = source, [SourceBody] = source, [Names] = new SearchAnalyzers.Names(),
        });
        var directory = new ThrowawayDirectory(new DirectoryInfo(folder));
        try
        {
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.Version, analyzer) { OpenMode = OpenMode.CREATE }))
            {
                await foreach (var d in documents.WithCancellation(ct)) writer.AddDocument(ToLucene(d));
            }
            var bytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            return new CultureIndex(DirectoryReader.Open(directory), directory, folder, analyzer, bytes);
        }
        catch
        {
            directory.Dispose();
            SearchIndex.TryDelete(folder);
            throw;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        SearchIndex.TryDelete(_folder);
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

/// <summary>
/// An index folder that is rebuilt from the database at every start: nothing in it needs to survive a power cut, so the
/// writer's commit does not wait for the disk (an fsync per file, six languages per publish).
/// </summary>
internal sealed class ThrowawayDirectory(DirectoryInfo folder) : NIOFSDirectory(folder)
{
    public override void Sync(ICollection<string> names)
    {
    }
}
