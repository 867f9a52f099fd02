using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Content;

namespace Portal.Data.Configurations;

public sealed class ContentPublicationConfiguration : IEntityTypeConfiguration<ContentPublication>
{
    public void Configure(EntityTypeBuilder<ContentPublication> b)
    {
        b.Property(p => p.By).HasMaxLength(256);
        b.HasIndex(p => p.At);
        b.HasOne(p => p.Translation).WithMany().HasForeignKey(p => p.TranslationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Revision).WithMany().HasForeignKey(p => p.RevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
