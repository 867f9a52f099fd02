using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Content;

namespace Portal.Data.Configurations;

public sealed class ContentTranslationConfiguration : IEntityTypeConfiguration<ContentTranslation>
{
    public void Configure(EntityTypeBuilder<ContentTranslation> b)
    {
        b.Property(t => t.Culture).HasMaxLength(20);
        b.Property(t => t.Slug).HasMaxLength(120);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.State);
        b.HasIndex(t => new { t.ContentItemId, t.Culture }).IsUnique();
        b.HasIndex(t => new { t.Kind, t.Culture, t.Slug }).IsUnique();

        b.HasMany(t => t.Revisions).WithOne(r => r.Translation).HasForeignKey(r => r.TranslationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.DraftRevision).WithMany().HasForeignKey(t => t.DraftRevisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.PublishedRevision).WithMany().HasForeignKey(t => t.PublishedRevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
