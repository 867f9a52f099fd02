using Microsoft.EntityFrameworkCore;
using Portal.Content;

namespace Portal.Data;

/// <summary>The one context. Provider-specific details live in the thin subclasses, each with its own migration set.</summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ContentTranslation> ContentTranslations => Set<ContentTranslation>();
    public DbSet<ContentRevision> ContentRevisions => Set<ContentRevision>();
    public DbSet<ContentPublication> ContentPublications => Set<ContentPublication>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
}
