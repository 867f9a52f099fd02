using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Audit;
using Portal.Content.Editing;
using Portal.Notices;

namespace Portal.Data.Configurations;

public sealed class ScheduledPublicationConfiguration : IEntityTypeConfiguration<ScheduledPublication>
{
    public void Configure(EntityTypeBuilder<ScheduledPublication> b)
    {
        b.Property(s => s.CreatedBy).HasMaxLength(256);
        b.HasIndex(s => s.DueAt);
        b.HasOne(s => s.Translation).WithMany().HasForeignKey(s => s.TranslationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Revision).WithMany().HasForeignKey(s => s.RevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SafetyReviewConfiguration : IEntityTypeConfiguration<SafetyReview>
{
    public void Configure(EntityTypeBuilder<SafetyReview> b)
    {
        // The table and columns keep the names they had when every review was an approval.
        b.ToTable("SafetyApprovals");
        b.Property(a => a.ReviewedBy).HasMaxLength(256).HasColumnName("ApprovedBy");
        b.Property(a => a.ReviewedAt).HasColumnName("ApprovedAt");
        b.Property(a => a.Comment).HasMaxLength(SafetyReview.MaxComment);
        b.HasIndex(a => a.RevisionId);
        b.HasOne(a => a.Revision).WithMany().HasForeignKey(a => a.RevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Target).HasMaxLength(300);
        b.Property(a => a.Details).HasMaxLength(Audit.AuditLog.MaxDetails);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
    }
}

public sealed class SiteNoticeConfiguration : IEntityTypeConfiguration<SiteNotice>
{
    public void Configure(EntityTypeBuilder<SiteNotice> b)
    {
        b.Property(n => n.CreatedBy).HasMaxLength(256);
        b.Property(n => n.RemovedBy).HasMaxLength(256);
        b.HasMany(n => n.Texts).WithOne().HasForeignKey(t => t.SiteNoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SiteNoticeTextConfiguration : IEntityTypeConfiguration<SiteNoticeText>
{
    public void Configure(EntityTypeBuilder<SiteNoticeText> b)
    {
        b.Property(t => t.Culture).HasMaxLength(20);
        b.Property(t => t.Text).HasMaxLength(1000);
        b.HasIndex(t => new { t.SiteNoticeId, t.Culture }).IsUnique();
    }
}
