using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data.CompiledModels.Postgres;
using Portal.Data.CompiledModels.Sqlite;

namespace Portal.Data;

public static class DataServiceCollectionExtensions
{
    // UseModel: the compiled models (scripts/compile-model.sh) spare a cold start about 1 s of CPU building the model;
    // ModelTests fails while either is out of date.
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalDataOptions>().BindConfiguration("Portal:Database").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DbCommandCounter>();
        var options = builder.Configuration.GetSection("Portal:Database").Get<PortalDataOptions>() ?? new PortalDataOptions();

        if (options.Provider == DatabaseProvider.Postgres)
        {
            var cs = options.ConnectionString
                ?? throw new OptionsValidationException("Portal:Database", typeof(PortalDataOptions), ["Portal:Database:ConnectionString is required for PostgreSQL."]);
            builder.Services.AddDbContext<PortalDbContext, PostgresPortalDbContext>((sp, o) => o.UseNpgsql(cs).UseModel(PostgresPortalDbContextModel.Instance).AddInterceptors(sp.GetRequiredService<DbCommandCounter>()));
        }
        else
        {
            var cs = string.IsNullOrWhiteSpace(options.ConnectionString) ? DefaultSqliteConnectionString(builder.Environment.ContentRootPath) : options.ConnectionString;
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, o) => o.UseSqlite(cs).UseModel(SqlitePortalDbContextModel.Instance).AddInterceptors(sp.GetRequiredService<DbCommandCounter>()));
        }
        return builder;
    }

    private static string DefaultSqliteConnectionString(string contentRoot)
    {
        var dir = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, "portal.db")}";
    }
}
