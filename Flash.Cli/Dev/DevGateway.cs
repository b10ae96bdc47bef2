using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flash.Client;
using Flash.Workers.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flash.Cli.Dev;

/// <summary>
/// The gateway of flash dev: RunPod's public endpoint API for every endpoint of the app at <c>/v2/&lt;name&gt;/…</c>
/// (run, runsync, status, stream, cancel, health for queue-based endpoints; the routes of load-balanced ones, proxied
/// to their worker), and the job API the queue workers take jobs from (<see cref="DevWorkerApi"/>).
/// </summary>
internal sealed class DevGateway(IReadOnlyDictionary<string, DevEndpoint> endpoints, string? apiKey, string secret) : IAsyncDisposable
{
    /// <summary>How long a route request waits for a load-balanced worker that is still starting.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _proxy = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>Starts Kestrel on host:port; returns the address it listens on.</summary>
    /// <exception cref="IOException">The address is in use.</exception>
    public async Task<Uri> StartAsync(string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = PayloadLimits.RunSync);
        var app = builder.Build();
        app.Run(HandleAsync);
        _app = app;
        await app.StartAsync().ConfigureAwait(false);
        return new Uri(app.Urls.First());
    }

    /// <summary>Stops listening and ends the held job takes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _proxy.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var worker = path.StartsWith(DevWorkerApi.Prefix + "/", StringComparison.Ordinal);
        var segments = path.Split('/', 4);
        if (segments.Length < 3 || (!worker && segments[1] != "v2"))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"flash dev serves endpoints at /v2/<name>/…; {Known()}").ConfigureAwait(false);
            return;
        }

        var name = Uri.UnescapeDataString(segments[2]);
        var rest = segments.Length > 3 ? "/" + segments[3] : "";
        if (!endpoints.TryGetValue(name, out var endpoint))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"The app has no endpoint '{name}'; {Known()}").ConfigureAwait(false);
            return;
        }

        if (worker)
        {
            if (endpoint.Queue is not null)
            {
                await DevWorkerApi.HandleAsync(context, endpoint.Queue, rest, secret, _stopping.Token).ConfigureAwait(false);
            }

            return;
        }

        if (apiKey is not null && !Authorized(context.Request.Headers.Authorization.ToString()))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized,
                "flash dev was started with --api-key: send it as the Authorization header (Bearer <key>).").ConfigureAwait(false);
            return;
        }

        if (endpoint.Worker.Unavailable is { } why)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, why).ConfigureAwait(false);
            return;
        }

        await (endpoint.Queue is { } queue ? QueueAsync(context, queue, rest) : ProxyAsync(context, endpoint.Worker, rest)).ConfigureAwait(false);
    }

    private string Known() => "its endpoints: " + string.Join(", ", endpoints.Keys.Order(StringComparer.Ordinal)) + ".";

    private bool Authorized(string header)
    {
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : header.Trim();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(apiKey!));
    }

    private static Task QueueAsync(HttpContext context, DevQueue queue, string rest)
    {
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        return (method, parts) switch
        {
            ("POST", ["run"]) => SubmitAsync(context, queue, wait: false),
            ("POST", ["runsync"]) => SubmitAsync(context, queue, wait: true),
            ("GET" or "POST", ["status", var id]) => WithJobAsync(context, queue, id, job => WriteStatusAsync(context, queue, job, includeResult: true)),
            ("GET", ["stream", var id]) => WithJobAsync(context, queue, id, job => StreamAsync(context, queue, job)),
            ("POST", ["cancel", var id]) => WithJobAsync(context, queue, id, job =>
            {
                queue.Cancel(job);
                return WriteStatusAsync(context, queue, job, includeResult: false);
            }),
            ("GET", ["health"]) => HealthAsync(context, queue),
            _ => HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound,
                $"Endpoint '{queue.Endpoint}' has no {method} {rest}: a queue-based endpoint answers POST /run, POST /runsync, GET /status/ID, GET /stream/ID, POST /cancel/ID and GET /health."),
        };
    }

    private static Task WithJobAsync(HttpContext context, DevQueue queue, string id, Func<DevJob, Task> then) =>
        queue.Find(id, out var forgotten) is { } job ? then(job) : HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, queue.NotFound(id, forgotten));

    private static async Task SubmitAsync(HttpContext context, DevQueue queue, bool wait)
    {
        if (await JobSubmission.ReadAsync(context, wait).ConfigureAwait(false) is not var (input, _))
        {
            return;
        }

        var job = new DevJob((wait ? "sync-" : "") + Guid.NewGuid().ToString("D"), wait, input.GetRawText(), TimeProvider.System);
        if (!queue.TryAdd(job, out var refusal))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, refusal).ConfigureAwait(false);
            return;
        }

        if (!wait)
        {
            await JobAnswers.WriteSubmittedAsync(context, job.Id).ConfigureAwait(false);
            return;
        }

        await Task.WhenAny(job.Finished.Task, Task.Delay(JobSubmission.SyncWait(context), context.RequestAborted)).ConfigureAwait(false);
        await WriteStatusAsync(context, queue, job, includeResult: true).ConfigureAwait(false);
    }

    private static Task WriteStatusAsync(HttpContext context, DevQueue queue, DevJob job, bool includeResult)
    {
        var (status, output, error, delay, execution) = queue.Read(job, j => (j.Status, j.OutputJson, j.Error, j.DelayMs, j.ExecutionMs));
        return JobAnswers.WriteStatusAsync(context, job.Id, status, includeResult ? output : null, includeResult ? error : null, delay, execution);
    }

    private static Task StreamAsync(HttpContext context, DevQueue queue, DevJob job)
    {
        var (status, parts) = queue.Read(job, j => (j.Status, j.TakeParts()));
        return JobAnswers.WriteStreamAsync(context, status, parts);
    }

    private static Task HealthAsync(HttpContext context, DevQueue queue)
    {
        var counts = queue.Counts();
        var running = counts.GetValueOrDefault(JobStatuses.InProgress);
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            JobAnswers.WriteJobCounts(w, counts);
            w.WriteStartObject("workers");
            w.WriteNumber("idle", running == 0 ? 1 : 0);
            w.WriteNumber("running", running == 0 ? 0 : 1);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private async Task ProxyAsync(HttpContext context, DevWorker worker, string rest)
    {
        if (!await worker.ReadyAsync(StartWait, context.RequestAborted).ConfigureAwait(false))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"The worker of endpoint '{worker.Endpoint.Name}' did not answer /ping with 200 within {StartWait.TotalSeconds} s; its output in flash dev's console says why.").ConfigureAwait(false);
            return;
        }

        var target = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{worker.Port}{(rest.Length == 0 ? "/" : rest)}{context.Request.QueryString}"));
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        try
        {
            using var response = await _proxy.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            if (response.Content.Headers.Allow.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", response.Content.Headers.Allow);
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (!context.Response.HasStarted)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status502BadGateway, $"The worker of endpoint '{worker.Endpoint.Name}' did not answer: {e.Message}").ConfigureAwait(false);
        }
    }
}
