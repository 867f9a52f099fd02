using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

// `dotnet ef migrations add X --context SqlitePortalDbContext|PostgresPortalDbContext` builds each provider's model
// without starting the app (whose startup migrates and seeds).
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql("Host=localhost;Database=portal_design").Options);
}
