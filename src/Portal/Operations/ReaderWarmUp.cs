using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Content.Reading;

namespace Portal.Operations;

/// <summary>
/// Part of the database step of a start (<see cref="DatabaseStartup"/>): runs the country page's two queries once, with
/// a slug and a country that do not exist, so that EF Core compiles and caches them (and builds its relational model)
/// while the host is still opening its port. A country page is what readers arrive on from a search or a shared link;
/// its first render in a new process was measurably slower than the next (docs/decisions/0008). Nothing is cached
/// in the output cache and no page is rendered: the first reader still gets a freshly built page.
/// </summary>
public static class ReaderWarmUp
{
    public static async Task CompileCountryQueriesAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var source = scope.ServiceProvider.GetRequiredService<PortalOptions>().SourceCulture;
        await CountryReading.Versions(db, "-", source, source).ToListAsync(ct);
        await CountryReading.Texts(db, "-", source, source).ToListAsync(ct);
    }
}
