using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>
/// GET /_diagnostics/db-commands: the number of SQL commands sent since start, for bench/run.sh. Mapped only when
/// Portal:Diagnostics:Enabled is true (the benchmark sets it); it reveals nothing about readers.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Portal:Diagnostics:Enabled"))
            app.MapGet("/_diagnostics/db-commands", (DbCommandCounter counter) => Results.Text(counter.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return app;
    }
}
