using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// Gives an item's texts new slugs, each language its own. The old slug is kept (<see cref="ContentOldSlug"/>), so its
/// reader and API addresses answer 301 to the new ones and no other item can take it; the sitemap and every link
/// use the new slug at once, because the reader cache is evicted.
/// </summary>
public static class Rename
{
    /// <param name="Slugs">Culture → the new slug; languages left out, or given their current slug, keep it.</param>
    public sealed record Command(int ItemId, IReadOnlyDictionary<string, string> Slugs);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("Only editors and administrators can rename an item.");
            var db = ctx.Db;
            var item = await db.ContentItems.Include(i => i.Translations).SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;
            if (ContentKinds.Of(item.Kind).UnderGuide)
                return EditResult.Invalid("A safety assessment is read at its country guide's address: rename the guide.");

            var changes = new List<(ContentTranslation Text, string From, string To)>();
            foreach (var (culture, wanted) in cmd.Slugs)
            {
                var text = item.Translations.SingleOrDefault(t => t.Culture == culture);
                if (text is null) return EditResult.Invalid($"There is no text in '{culture}' to rename.");
                var slug = (wanted ?? "").Trim();
                if (slug == text.Slug) continue;
                if (!Slugs.IsValid(slug))
                    return EditResult.Invalid($"'{slug}' ({culture}): a slug may only hold a-z, 0-9 and single hyphens, at most {Slugs.MaxLength} characters.");
                if (item.Kind == ContentKind.Page && Slugs.ReservedPageSlugs.Contains(slug))
                    return EditResult.Invalid($"'{slug}' ({culture}) is an address the site uses itself; choose another.");
                if (await Slugs.TakenByAsync(db, item.Kind, culture, slug, item.Id, ct) is { } other)
                    return EditResult.Invalid($"'{slug}' ({culture}) is taken by {item.Kind.ToKebab()} '{other}' (its address now, or an old one that still leads to it).");
                changes.Add((text, text.Slug, slug));
            }
            if (changes.Count == 0) return EditResult.Invalid("No slug changed.");

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = ctx.Now;
            foreach (var (text, from, to) in changes)
            {
                // Renaming back to an old slug makes it the address again; the slug it leaves becomes an old one.
                await db.ContentOldSlugs.Where(o => o.ContentItemId == item.Id && o.Culture == text.Culture && o.Slug == to).ExecuteDeleteAsync(ct);
                db.ContentOldSlugs.Add(new ContentOldSlug { ContentItemId = item.Id, Kind = item.Kind, Culture = text.Culture, Slug = from, MovedAt = now, MovedBy = actor.Name });
                text.Slug = to;
                text.Version++;
                ctx.Audit.Record(actor.Name, AuditActions.Rename, EditingContext.Describe(text), $"{from} → {to}");
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict;
            }
            catch (DbUpdateException)
            {
                return EditResult.Invalid("Another item took one of these slugs just now; nothing was renamed."); // the unique indexes
            }
            await tx.CommitAsync(ct);
            await ctx.EvictReaderCacheAsync(ct);
            return EditResult.Ok();
        }
    }
}
