using Portal.Api;
using Portal.Content;
using Portal.Content.Import;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using Portal.Pages;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalData();
builder.AddPortalContent();
builder.AddPortalLocalization();
builder.AddReaderCaching();
builder.AddContentApi();
builder.Services.AddRazorPages();
builder.Services.AddProblemDetails();

if (ContentCommands.IsCommand(args))
{
    // `-- validate [folder]` / `-- import [folder]`: same configuration and services, no web server.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    await using var cli = builder.Build();
    return await ContentCommands.RunAsync(cli.Services, args);
}

var app = builder.Build();
await app.Services.MigrateAndSeedAsync();

app.UsePrivacyPreservingRequestLogging();
app.UseSecurityHeaders();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRouting();
app.UseRequestLocalization();
app.UseCors(); // before the output cache, so a cached answer gets its CORS headers too
app.UseOutputCache();
app.UseResponseCompression();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapReaderEndpoints();
app.MapContentApi();
app.MapDiagnostics(app.Configuration);

app.Run();
return 0;
