using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Notices;

namespace Portal.Data;

/// <summary>
/// The one context, including ASP.NET Core Identity's tables (editors' accounts live in the portal's database).
/// Provider-specific details live in the thin subclasses, each with its own migration set. It also keeps the
/// data-protection keys, so that every web node on one database reads the others' sign-in and antiforgery cookies.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Which provider this context runs on, without asking EF's provider extensions (<c>IsNpgsql()</c>, <c>IsSqlite()</c>):
    /// each lives in its provider's assembly, so asking loads the other provider into every node that never uses it.
    /// </summary>
    public bool IsPostgres => this is PostgresPortalDbContext;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ContentTranslation> ContentTranslations => Set<ContentTranslation>();
    public DbSet<ContentRevision> ContentRevisions => Set<ContentRevision>();
    public DbSet<ContentPublication> ContentPublications => Set<ContentPublication>();
    public DbSet<ContentOldSlug> ContentOldSlugs => Set<ContentOldSlug>();
    public DbSet<ScheduledPublication> ScheduledPublications => Set<ScheduledPublication>();
    public DbSet<SafetyReview> SafetyReviews => Set<SafetyReview>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SiteNotice> SiteNotices => Set<SiteNotice>();
    public DbSet<Accounts.AccessToken> AccessTokens => Set<Accounts.AccessToken>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Media.MediaItem> MediaItems => Set<Media.MediaItem>();
    public DbSet<Media.MediaRevision> MediaRevisions => Set<Media.MediaRevision>();
    public DbSet<Media.MediaVariant> MediaVariants => Set<Media.MediaVariant>();
    public DbSet<Media.MediaAltText> MediaAltTexts => Set<Media.MediaAltText>();
    public DbSet<Media.MediaText> MediaTexts => Set<Media.MediaText>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
