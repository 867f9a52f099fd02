using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Content;

namespace Portal.Data.Configurations;

public sealed class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> b)
    {
        b.Property(i => i.Key).HasMaxLength(100);
        b.Property(i => i.CountryCode).HasMaxLength(2);
        b.HasIndex(i => new { i.Kind, i.Key }).IsUnique();
        b.HasIndex(i => i.CountryCode);
        b.Property(i => i.RetiredBy).HasMaxLength(256);
        b.Property(i => i.RetiredReason).HasMaxLength(ContentItem.MaxRetiredReason);
        b.HasMany(i => i.Translations).WithOne(t => t.Item).HasForeignKey(t => t.ContentItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
