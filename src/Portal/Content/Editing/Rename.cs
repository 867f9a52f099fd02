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
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.result.rename-editors-only");
            var db = ctx.Db;
            var item = await db.ContentItems.Include(i => i.Translations).SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;
            if (ContentKinds.Of(item.Kind).UnderGuide)
                return EditResult.Invalid("editor.result.rename-safety");

            var changes = new List<(ContentTranslation Text, string From, string To)>();
            foreach (var (culture, wanted) in cmd.Slugs)
            {
                var text = item.Translations.SingleOrDefault(t => t.Culture == culture);
                if (text is null) return EditResult.Invalid("editor.result.rename-no-text", culture);
                var slug = (wanted ?? "").Trim();
                if (slug == text.Slug) continue;
                if (!Slugs.IsValid(slug))
                    return EditResult.Invalid("editor.result.slug-malformed", slug, culture, Slugs.MaxLength);
                if (item.Kind == ContentKind.Page && Slugs.ReservedPageSlugs.Contains(slug))
                    return EditResult.Invalid("editor.result.slug-reserved", slug, culture);
                if (await Slugs.TakenByAsync(db, item.Kind, culture, slug, item.Id, ct) is { } other)
                    return EditResult.Invalid("editor.result.slug-taken", slug, culture, item.Kind.ToKebab(), other);
                changes.Add((text, text.Slug, slug));
            }
            if (changes.Count == 0) return EditResult.Invalid("editor.result.rename-nothing");

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
                return EditResult.Invalid("editor.result.rename-race"); // the unique indexes
            }
            await tx.CommitAsync(ct);
            await ctx.EvictReaderCacheAsync(ct);
            return EditResult.Ok();
        }
    }
}
