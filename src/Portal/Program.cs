using Portal.Accounts;
using Portal.Api;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using Portal.Media;
using Portal.Operations;
using Portal.Pages;
using Portal.Pages.Info;
using Portal.Webhooks;

if (HealthCheckCommand.IsCommand(args)) return await HealthCheckCommand.RunAsync(args); // the container's HEALTHCHECK: no host needed
NativeAllocator.KeepLargeBlocksOutOfArenas();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder.ContentRoot() });
try
{
    builder.AddPortalData();
    builder.AddPortalMediaStore(); // Portal:Media:Store: a missing or unwritable folder stops the start here
    if (!PortalCommands.IsCommand(args)) PortalFiles.Require(builder); // wwwroot and locales/: a web server needs them, a command does not
    builder.AddPublicUrl(serving: !PortalCommands.IsCommand(args)); // required in Production: the origin of every absolute URL
}
catch (PortalConfigurationException ex)
{
    Console.Error.WriteLine($"Portal cannot start: {ex.Message}");
    return 2;
}
builder.AddRequestLimits();
builder.AddPortalHealth();
builder.AddPortalContent();
builder.AddPortalLocalization();
builder.AddReaderCaching();
builder.AddPortalAccounts();
builder.AddPortalEditing();
builder.AddPortalWebhooks();
builder.AddPortalMedia();
builder.Services.AddServerErrors(); // before the API's exception handler: it logs, the API's answers
builder.AddContentApi();
builder.Services.AddRazorPages(o =>
{
    // A workspace form posted in a database outage comes back with its text (after the authorization filter, so signed-in only).
    o.Conventions.AddFolderApplicationModelConvention("/Editor", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.TypeFilterAttribute(typeof(Portal.Pages.Editor.DatabaseOutageFilter))));
    o.Conventions
        .AuthorizeFolder("/Editor", Policies.Workspace)
        .AllowAnonymousToPage("/Editor/SignIn")
        // Its last segment is a parameter (print, offline): the country feed's literal feed.atom must win over it.
        .AddPageRouteModelConvention("/Countries/Copy", m => { foreach (var s in m.Selectors) s.AttributeRouteModel!.Order = 1; });
});
builder.Services.AddRouting(o => o.ConstraintMap[SlugRouteConstraint.Name] = typeof(SlugRouteConstraint));
builder.Services.AddSingleton<Portal.Pages.Editor.DashboardSnapshots>();
builder.Services.AddSingleton<SiteMirrorRequests>();
builder.Services.AddProblemDetails();
builder.Services.SkipDataProtectionPreload();
builder.Services.AddDatabaseStartup();

if (await PortalCommands.TryRunAsync(builder, args) is int exitCode) return exitCode; // validate, import, users, migrate, ...: no web server
if (SiteMirrorCommand.IsCommand(args) && SiteMirrorCommand.Prepare(builder, args) is int refused) return refused; // export-site: the pipeline on a loopback port

var app = builder.Build();
var databaseStartup = app.Services.GetRequiredService<DatabaseStartup>();
databaseStartup.Start(); // on the second core, while the pipeline is built and the port opens

DbCommandCounter.UseRequestCommandCounting(app);
app.UsePrivacyPreservingRequestLogging();
app.UseSecurityHeaders();
app.UsePublicHost(); // 400 for another Host than Portal:PublicUrl's (when set)
app.UseServerErrors(); // logs every failure with an error id, then /error or the API's problem details
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRequestLimits(); // 413 for a body over 4 MB (the media upload: its own limit): problem details in the API, the error page for a form
app.UseRouting();
app.UseReaderMethods(); // reader pages: GET, HEAD, OPTIONS; 405 with Allow for the rest
app.UseCors(); // before the output cache, so a cached answer gets its CORS headers too
app.UseConditionalRequests(); // 304s, no Age, Vary: Accept-Encoding for every public answer, cached or not (Infrastructure/HttpCaching.cs)
// A cache hit returns before localization and authentication run, which spares every hit their work. Safe because only
// reader pages and the read-only API have a cache policy, and the editor's cookie is scoped to /editor.
app.UseOutputCache();
app.UseRequestLocalization();
// Requests wait here for the database step (Operations/DatabaseStartup.cs); what runs before needs no database, so the
// first request's routing and cache lookup overlap with it. An editor's cookie check below may read the database.
app.UseDatabaseStartupGate();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseValidators(); // ETag, Last-Modified, Cache-Control of public answers: inside the output cache, outside compression
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/editor"), b => b.UseResponseCompression()); // no compression beside antiforgery tokens (BREACH)

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapReaderEndpoints();
app.MapMedia();
app.MapContentApi();
app.MapManagementApi();
app.MapDiagnostics(app.Configuration);
app.MapPortalHealth();

await app.StartAsync();
bool prepared;
try
{
    prepared = await databaseStartup.Prepared; // false: not ready until `migrate`, and /health/ready says so
}
catch (Exception ex)
{
    // Migrating or seeding failed: stop as a start without the overlap would, and leave the services undisposed so that
    // whoever started the host (a test's factory) can still read why from DatabaseStartup. A fault of the database
    // itself (corrupt, unreadable, read-only, disk full, unreachable) is one line naming it; a stack trace only on request.
    await app.StopAsync();
    if (ex is MigrateChildProcessException child)
    {
        Console.Error.WriteLine($"Portal cannot start: {child.Message}"); // the child's words: with --verbose, its stack trace
        return child.ExitCode;
    }
    if (databaseStartup.Explain(ex) is not { } line) throw;
    Console.Error.WriteLine($"Portal cannot start: {line}");
    if (args.Contains("--verbose") || app.Environment.IsDevelopment()) Console.Error.WriteLine(ex);
    return 3;
}
if (SiteMirrorCommand.IsCommand(args)) return await SiteMirrorCommand.RunAsync(app, args, prepared); // then stops
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
