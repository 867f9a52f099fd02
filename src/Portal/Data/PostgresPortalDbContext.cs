using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>The scale-out store: same model, timestamptz for DateTimeOffset (always written as UTC).</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
