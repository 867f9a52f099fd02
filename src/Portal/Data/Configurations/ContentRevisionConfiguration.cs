using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Content;
using Portal.Content.Markdown;

namespace Portal.Data.Configurations;

public sealed class ContentRevisionConfiguration : IEntityTypeConfiguration<ContentRevision>
{
    /// <summary>
    /// Public because the compiled model (Data/CompiledModels) generates code that reads it. Letters of every script are
    /// stored as themselves: escaped, each Arabic letter took six bytes of the column.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public void Configure(EntityTypeBuilder<ContentRevision> b)
    {
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.Summary).HasMaxLength(2000);
        b.Property(r => r.ChangeNote).HasMaxLength(2000);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.HasIndex(r => new { r.TranslationId, r.Number }).IsUnique();
        b.HasOne(r => r.SourceRevision).WithMany().HasForeignKey(r => r.SourceRevisionId).OnDelete(DeleteBehavior.Restrict);

        // One JSON column holds the kind's typed record; revisions are immutable, so comparing by JSON is enough.
        b.Property(r => r.Fields)
            .HasConversion(
                f => f == null ? null : JsonSerializer.Serialize(f, Json),
                s => s == null ? null : JsonSerializer.Deserialize<ContentFields>(s, Json),
                new ValueComparer<ContentFields?>(
                    (x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json),
                    f => JsonSerializer.Serialize(f, Json).GetHashCode(StringComparison.Ordinal),
                    f => f));
        b.Property(r => r.Outline)
            .HasConversion(
                o => JsonSerializer.Serialize(o, Json),
                s => JsonSerializer.Deserialize<List<OutlineEntry>>(s, Json) ?? new List<OutlineEntry>(),
                new ValueComparer<IReadOnlyList<OutlineEntry>>(
                    (x, y) => x!.SequenceEqual(y!),
                    o => o.Count,
                    o => o));
    }
}
