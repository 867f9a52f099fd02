using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content.Import;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The same build on the scale-out store: migrations, seed, import and reader pages on a real PostgreSQL.</summary>
public sealed class PostgresTests : IDisposable
{
    private PostgresApplication? _app;
    private PostgresApplication App => _app ??= new PostgresApplication();

    [PostgresFact]
    public async Task PortalMigratesSeedsAndServesEveryLanguageFromPostgres()
    {
        var provider = await App.WithDbAsync((db, _) => Task.FromResult(db.GetType()));
        Assert.Equal(typeof(PostgresPortalDbContext), provider);
        Assert.Equal(84, await App.WithDbAsync((db, _) => db.ContentRevisions.CountAsync()));

        using var client = App.CreateReaderClient();
        foreach (var culture in ReaderPagesTests.Cultures)
        {
            var doc = await client.GetDocumentAsync($"/{culture}/countries/iraq");
            Assert.Equal(culture, doc.DocumentElement.GetAttribute("lang"));
            Assert.Equal(8, doc.QuerySelectorAll("nav.toc a").Length);
            Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{culture}/stories/mazan");
        }
        using var safety = await client.GetAsync("/fa/countries/guinea/safety");
        Assert.Equal(HttpStatusCode.OK, safety.StatusCode);
        using var missing = await client.GetAsync("/nl/countries/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [PostgresFact]
    public async Task ImportIsIdempotentOnPostgres()
    {
        var result = await App.WithDbAsync(async (db, sp) =>
        {
            var (files, _) = sp.GetRequiredService<ContentValidator>().Validate(RepoPaths.Content);
            return await sp.GetRequiredService<ContentImporter>().ImportAsync(files);
        });
        Assert.Equal(new ImportResult(0, 0, 0, 84), result);
    }

    public void Dispose() => _app?.Dispose();
}
