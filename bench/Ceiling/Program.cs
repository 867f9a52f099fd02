// The benchmark's ceiling: every request gets the same pre-compressed bytes, read once from CEILING_BODY, with
// CEILING_CONTENT_TYPE and Content-Encoding: br. No routing, no middleware, no logging per request: what Kestrel and
// the ASP.NET Core pipeline cost at the least, on this machine, for a page of that size.
var body = File.ReadAllBytes(Environment.GetEnvironmentVariable("CEILING_BODY")
    ?? throw new InvalidOperationException("CEILING_BODY (path of the compressed page) is required"));
var contentType = Environment.GetEnvironmentVariable("CEILING_CONTENT_TYPE") ?? "text/html; charset=utf-8";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information); // "Now listening on: …", as the portal
var app = builder.Build();

app.Run(context =>
{
    var response = context.Response;
    response.StatusCode = StatusCodes.Status200OK;
    response.ContentType = contentType;
    response.Headers.ContentEncoding = "br";
    response.ContentLength = body.Length;
    return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
});

app.Run();
