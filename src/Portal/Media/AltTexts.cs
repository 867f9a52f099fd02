using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Content.Editing;

namespace Portal.Media;

public enum AltTextState { Missing, Outdated, Current }

/// <summary>
/// An image's alt text in one language: written by editors (Dutch, the source) and translators (the rest), like a text.
/// A translation made from an older Dutch text is outdated until it is written again.
/// </summary>
public static class AltTexts
{
    public static AltTextState State(MediaAltText? text, MediaAltText? source, string sourceCulture)
        => text is null ? AltTextState.Missing
            : text.Culture == sourceCulture || (text.SourceVersion ?? 0) >= (source?.Version ?? 0) ? AltTextState.Current
            : AltTextState.Outdated;

    public sealed record Command(string Key, string Culture, string? Text);

    public sealed class Handler(EditingContext ctx, PortalOptions options, MediaPages pages)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!options.Cultures.Contains(cmd.Culture)) return EditResult.NotFound;
            var isSource = cmd.Culture == ctx.SourceCulture;
            if (!actor.CanEdit(isSource)) return EditResult.Forbidden(isSource ? "editor.result.source-editors-only" : "editor.result.no-translating");
            var db = ctx.Db;
            var item = await db.MediaItems.Include(i => i.AltTexts).SingleOrDefaultAsync(i => i.Key == cmd.Key, ct);
            if (item is null) return EditResult.NotFound;
            var document = item.Kind == MediaKind.Document; // its "alt text" is its title, and the editor is told so
            var text = cmd.Text?.Trim() ?? "";
            if (text.Length is 0 or > MediaAltText.MaxText)
                return EditResult.Invalid(document ? "editor.media.title-required" : "editor.media.alt-required", MediaAltText.MaxText);
            var source = item.AltTexts.SingleOrDefault(a => a.Culture == ctx.SourceCulture);
            if (!isSource && source is null) return EditResult.Invalid(document ? "editor.media.title-source-first" : "editor.media.alt-source-first");

            var row = item.AltTexts.SingleOrDefault(a => a.Culture == cmd.Culture);
            if (row is null) item.AltTexts.Add(row = new MediaAltText { Culture = cmd.Culture, Text = text, UpdatedBy = actor.Name });
            row.Text = text;
            row.Version++;
            row.SourceVersion = isSource ? null : source!.Version;
            row.UpdatedBy = actor.Name;
            row.UpdatedAt = ctx.Now;
            item.Version++;
            ctx.Audit.Record(actor.Name, Audit.AuditActions.MediaAltText, $"media:{item.Key}", $"{cmd.Culture}: {text}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return EditResult.Conflict; // written by someone else meanwhile (the same language's first text, or the item's version)
            }
            await pages.RenderAgainAsync(item.Key, ct);
            return EditResult.Ok();
        }
    }
}
