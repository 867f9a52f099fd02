using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Api;
using Portal.Data;

namespace Portal.Webhooks;

/// <summary>
/// Sends the outbox's due deliveries, on every node: each node claims a row with a conditional UPDATE before sending
/// it (the scheduler's pattern, <see cref="Content.Editing.ScheduledPublisher"/>), so one event reaches a partner once
/// however many nodes run. The claim moves the next attempt ahead by a lease; a node that dies mid-attempt loses its
/// claim when the lease runs out, and another node tries again. 2xx is delivered; anything else is retried after
/// RetryBase, twice that, four times... until GiveUpAfter (24 h), then marked failed.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookOutbox outbox, IHttpClientFactory http, TimeProvider clock, IOptions<WebhookOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, PortalOptions portal, Operations.DatabaseStartup startup, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 50;
    private const int Parallel = 4;

    private WebhookOptions Options => options.Value;

    /// <summary>Pruning needs no more than an hour's precision; every node prunes, and a second node's delete finds nothing.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>Longer than an attempt can take, so only a node that stopped mid-attempt loses its claim.</summary>
    private TimeSpan Lease => Options.Timeout + TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        try
        {
            await startup.Prepared.WaitAsync(stoppingToken); // the tables exist once the start's database step is over
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return; // that step failed: the process is stopping and says why
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) == BatchSize) { } // a full batch: there may be more due at once
                if (clock.GetUtcNow() - _prunedAt >= PruneEvery)
                {
                    await PruneAsync(stoppingToken);
                    _prunedAt = clock.GetUtcNow();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Webhook delivery failed; retrying at the next poll");
            }
            await outbox.WaitForWorkAsync(stoppingToken);
        }
    }

    /// <summary>Attempts every delivery due now (at most one batch); returns how many this node claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && d.Endpoint.Enabled)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        }
        var claimed = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (id, token) =>
        {
            if (await TryAttemptAsync(id, now, token)) Interlocked.Increment(ref claimed);
        });
        return claimed;
    }

    /// <summary>
    /// Deletes the delivered and failed deliveries whose last attempt is older than KeepDeliveriesFor (30 days); a
    /// waiting one stays whatever its age. Returns how many went.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - Options.KeepDeliveriesFor;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().WebhookDeliveries
            .Where(d => d.Status != WebhookDeliveryStatus.Pending && d.LastAttemptAt < before)
            .ExecuteDeleteAsync(ct);
    }

    private async Task<bool> TryAttemptAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Several nodes poll one database: only the UPDATE that still finds the row due claims it (on PostgreSQL the
        // second waits for the first's row lock, then matches nothing; SQLite has one writer).
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + Lease).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        if (claimed == 0) return false;

        var delivery = await db.WebhookDeliveries.Include(d => d.Endpoint).SingleAsync(d => d.Id == id, ct);
        delivery.Body ??= await BodyAsync(db, delivery, ct);
        await AttemptAsync(delivery, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<string> BodyAsync(PortalDbContext db, WebhookDelivery delivery, CancellationToken ct)
    {
        var row = await ChangeFeed.Rows(db, db.ContentPublications.Where(p => p.Id == delivery.PublicationId), portal.SourceCulture).SingleAsync(ct);
        return JsonSerializer.Serialize(new WebhookPayload(delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.CreatedAt, ChangeFeed.ToDto(row)), json.Value.SerializerOptions);
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body!);
        var at = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(delivery.Endpoint.Secret, at.ToUnixTimeSeconds(), body));
            request.Headers.Add("X-Portal-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Portal-Event", JsonNamingPolicy.KebabCaseLower.ConvertName(delivery.Action.ToString()));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Options.Timeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"no answer within {Options.Timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException ex)
        {
            error = ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString();
        }

        delivery.LastAttemptAt = at;
        delivery.LastStatusCode = status;
        delivery.LastError = error is null ? null : error[..Math.Min(error.Length, WebhookDelivery.MaxError)];
        if (status is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = at;
        }
        else if (at >= delivery.GiveUpAt)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            log.LogWarning("Webhook delivery {Id} to endpoint {Endpoint} failed after {Attempts} attempts", delivery.Id, delivery.EndpointId, delivery.Attempts);
        }
        else
        {
            var next = at + Options.RetryBase * Math.Pow(2, Math.Min(delivery.Attempts - 1, 20));
            delivery.NextAttemptAt = next < delivery.GiveUpAt ? next : delivery.GiveUpAt; // one last try at the end
        }
    }
}
