using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Ckb;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fa;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Portal.Content.Search;

/// <summary>
/// The analyzer that fits each language (stemming, stop words, and for Arabic, Persian and Sorani their letter
/// normalisation, so ي/ی, ك/ک, ه/ە and a zero-width non-joiner do not decide whether a word is found), and one for
/// names that folds every script the same way, so "Irak", "Iraq", "العراق" and "عێراق" each find a country.
/// </summary>
public static class SearchAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer For(string culture) => culture switch
    {
        "nl" => new DutchAnalyzer(Version),
        "en" => new EnglishAnalyzer(Version),
        "fr" => new FrenchAnalyzer(Version),
        "ar" => new ArabicAnalyzer(Version),
        "fa" => new PersianAnalyzer(Version),
        "ckb" => new SoraniAnalyzer(Version),
        _ => new StandardAnalyzer(Version),
    };

    /// <summary>Names in any script: no stemming or stop words, letters of the Arabic-script languages folded to one form, Latin accents dropped.</summary>
    public sealed class Names : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new SoraniNormalizationFilter(stream); // before the Arabic one: it reads heh + ZWNJ as Kurdish ae
            stream = new ArabicNormalizationFilter(stream);
            stream = new PersianNormalizationFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        protected override TextReader InitReader(string fieldName, TextReader reader) => new PersianCharFilter(reader);
    }
}
