using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Content;

namespace Portal.Data.Configurations;

public sealed class ContentOldSlugConfiguration : IEntityTypeConfiguration<ContentOldSlug>
{
    public void Configure(EntityTypeBuilder<ContentOldSlug> b)
    {
        b.Property(o => o.Culture).HasMaxLength(20);
        b.Property(o => o.Slug).HasMaxLength(120);
        b.Property(o => o.MovedBy).HasMaxLength(256);
        b.HasIndex(o => new { o.Kind, o.Culture, o.Slug }).IsUnique();
        b.HasIndex(o => o.ContentItemId);
        b.HasOne(o => o.Item).WithMany().HasForeignKey(o => o.ContentItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
