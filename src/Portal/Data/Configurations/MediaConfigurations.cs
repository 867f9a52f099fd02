using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Media;

namespace Portal.Data.Configurations;

public sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> b)
    {
        b.Property(i => i.Key).HasMaxLength(MediaItem.MaxKey);
        b.HasIndex(i => i.Key).IsUnique();
        b.Property(i => i.Name).HasMaxLength(MediaItem.MaxName);
        b.Property(i => i.CreatedBy).HasMaxLength(256);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasMany(i => i.Revisions).WithOne().HasForeignKey(r => r.MediaItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.CurrentRevision).WithMany().HasForeignKey(i => i.CurrentRevisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.AltTexts).WithOne().HasForeignKey(a => a.MediaItemId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.PosterKey).HasMaxLength(MediaItem.MaxKey);
        b.HasMany(i => i.Texts).WithOne().HasForeignKey(t => t.MediaItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MediaRevisionConfiguration : IEntityTypeConfiguration<MediaRevision>
{
    public void Configure(EntityTypeBuilder<MediaRevision> b)
    {
        b.HasIndex(r => new { r.MediaItemId, r.Number }).IsUnique();
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.Property(r => r.UploadedBy).HasMaxLength(256);
        b.Property(r => r.Culture).HasMaxLength(20);
        b.Property(r => r.MetadataFields).HasMaxLength(MediaRevision.MaxMetadataFields);
        b.Ignore(r => r.Fingerprint);
        b.HasMany(r => r.Variants).WithOne(v => v.Revision).HasForeignKey(v => v.RevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> b)
    {
        b.Property(v => v.FileName).HasMaxLength(100);
        b.Property(v => v.ContentType).HasMaxLength(100);
        b.Property(v => v.Sha256).HasMaxLength(64);
        b.HasIndex(v => new { v.RevisionId, v.FileName }).IsUnique();
    }
}

public sealed class MediaAltTextConfiguration : IEntityTypeConfiguration<MediaAltText>
{
    public void Configure(EntityTypeBuilder<MediaAltText> b)
    {
        b.Property(a => a.Culture).HasMaxLength(20);
        b.Property(a => a.Text).HasMaxLength(MediaAltText.MaxText);
        b.Property(a => a.UpdatedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.MediaItemId, a.Culture }).IsUnique();
    }
}

public sealed class MediaTextConfiguration : IEntityTypeConfiguration<MediaText>
{
    public void Configure(EntityTypeBuilder<MediaText> b)
    {
        b.Property(t => t.Culture).HasMaxLength(20);
        b.Property(t => t.Sha256).HasMaxLength(64);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
        b.Ignore(t => t.Fingerprint);
        b.HasIndex(t => new { t.MediaItemId, t.Kind, t.Culture, t.Version }).IsUnique(); // two saves of one version at once: one wins
    }
}
