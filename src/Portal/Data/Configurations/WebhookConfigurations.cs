using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Webhooks;

namespace Portal.Data.Configurations;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrl);
        b.Property(e => e.Secret).HasMaxLength(100);
        b.Property(e => e.Kinds).HasMaxLength(200);
        b.Property(e => e.Cultures).HasMaxLength(200);
        b.Property(e => e.CreatedBy).HasMaxLength(256);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxError);
        // What every node's poll asks: pending rows whose next attempt is due.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.EndpointId, d.Id });
        b.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.Publication).WithMany().HasForeignKey(d => d.PublicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
