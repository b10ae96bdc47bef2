using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Flash.Workers.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Flash.Workers.Local;

/// <summary>
/// The local dev server (<c>serve</c>): RunPod's public endpoint API for one queue-based endpoint, so a client written
/// against RunPod works unchanged. Routes exist both bare (<c>/run</c>) and under <c>/v2/{endpointId}/</c>.
/// Jobs run at most the endpoint's max concurrency at once and are kept in memory for the server's life.
/// </summary>
internal sealed class DevServer
{
    /// <summary>RunPod's payload limits.</summary>
    private const long RunLimit = 10 * 1024 * 1024, RunSyncLimit = 20 * 1024 * 1024;

    /// <summary>How long /runsync waits by default before answering with the job still in progress.</summary>
    private static readonly TimeSpan DefaultSyncWait = TimeSpan.FromSeconds(90);

    private readonly EndpointRunner _runner;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DevJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;

    public DevServer(EndpointRunner runner, ILogger logger)
    {
        _runner = runner;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, runner.Endpoint.Definition.MaxConcurrency ?? 1));
    }

    /// <summary>Adds the routes.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { string.Empty, "/v2/{endpointId}" })
        {
            app.MapPost(prefix + "/run", (RequestDelegate)(c => SubmitAsync(c, wait: false)));
            app.MapPost(prefix + "/runsync", (RequestDelegate)(c => SubmitAsync(c, wait: true)));
            app.MapMethods(prefix + "/status/{id}", ["GET", "POST"], (RequestDelegate)StatusAsync);
            app.MapGet(prefix + "/stream/{id}", (RequestDelegate)StreamAsync);
            app.MapPost(prefix + "/cancel/{id}", (RequestDelegate)CancelAsync);
            app.MapGet(prefix + "/health", (RequestDelegate)HealthAsync);
        }
    }

    private async Task SubmitAsync(HttpContext context, bool wait)
    {
        var (document, empty) = await HttpJson.ReadBodyAsync(context, wait ? RunSyncLimit : RunLimit).ConfigureAwait(false);
        if (document is null && !empty)
        {
            return;
        }

        using (document)
        {
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("input", out var input))
            {
                await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The request body must be {\"input\": {…}}.").ConfigureAwait(false);
                return;
            }

            var job = new DevJob((wait ? "sync-" : string.Empty) + Guid.NewGuid().ToString("D"), input.Clone());
            _jobs[job.Id] = job;
            job.Completion = Task.Run(() => RunAsync(job));
            if (!wait)
            {
                // As RunPod answers a submission, whether or not the job has started meanwhile.
                await HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", job.Id);
                    w.WriteString("status", "IN_QUEUE");
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return;
            }

            var timeout = context.Request.Query["wait"] is { Count: > 0 } waitText &&
                          int.TryParse(waitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : DefaultSyncWait;
            await Task.WhenAny(job.Completion, Task.Delay(timeout, context.RequestAborted)).ConfigureAwait(false);
            await WriteStatusAsync(context, job, includeResult: true).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(DevJob job)
    {
        try
        {
            await _slots.WaitAsync(job.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Finish("CANCELLED", null, null);
            return;
        }

        try
        {
            job.Start();
            var outcome = await _runner.RunAsync(job.Input, job.Id, job.AddPart, job.Cancellation.Token).ConfigureAwait(false);
            var result = outcome.Result;
            var status = result.ErrorKind switch
            {
                JobErrorKind.None => "COMPLETED",
                JobErrorKind.Cancelled when job.Cancellation.IsCancellationRequested => "CANCELLED",
                JobErrorKind.TimedOut => "TIMED_OUT",
                _ => "FAILED",
            };
            if (result.IsError)
            {
                _logger.LogWarning("Job {JobId} {Status}: {Error}", job.Id, status, result.Error);
            }

            job.Finish(status, result.OutputJson, result.Error);
        }
        finally
        {
            _slots.Release();
        }
    }

    private Task StatusAsync(HttpContext context) =>
        Find(context) is { } job ? WriteStatusAsync(context, job, includeResult: true) : NotFoundAsync(context);

    private async Task CancelAsync(HttpContext context)
    {
        if (Find(context) is not { } job)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        await job.Cancellation.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(job.Completion, Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted)).ConfigureAwait(false);
        await WriteStatusAsync(context, job, includeResult: false).ConfigureAwait(false);
    }

    private Task StreamAsync(HttpContext context)
    {
        if (Find(context) is not { } job)
        {
            return NotFoundAsync(context);
        }

        var (status, parts) = job.TakeParts();
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", status);
            w.WriteStartArray("stream");
            foreach (var part in parts)
            {
                w.WriteStartObject();
                w.WritePropertyName("output");
                w.WriteRawValue(part);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private Task HealthAsync(HttpContext context)
    {
        var counts = _jobs.Values.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int Count(string status) => counts.TryGetValue(status, out var n) ? n : 0;
        var running = Count("IN_PROGRESS");
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("jobs");
            w.WriteNumber("completed", Count("COMPLETED"));
            w.WriteNumber("failed", Count("FAILED") + Count("TIMED_OUT"));
            w.WriteNumber("inProgress", running);
            w.WriteNumber("inQueue", Count("IN_QUEUE"));
            w.WriteNumber("retried", 0);
            w.WriteEndObject();
            w.WriteStartObject("workers");
            w.WriteNumber("idle", running == 0 ? 1 : 0);
            w.WriteNumber("initializing", 0);
            w.WriteNumber("ready", 1);
            w.WriteNumber("running", running == 0 ? 0 : 1);
            w.WriteNumber("throttled", 0);
            w.WriteNumber("unhealthy", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private DevJob? Find(HttpContext context) =>
        context.Request.RouteValues["id"] is string id && _jobs.TryGetValue(id, out var job) ? job : null;

    private static Task NotFoundAsync(HttpContext context) =>
        HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"There is no job '{context.Request.RouteValues["id"]}' on this server.");

    private static Task WriteStatusAsync(HttpContext context, DevJob job, bool includeResult)
    {
        var snapshot = job.Snapshot();
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            if (snapshot.DelayMs is { } delay)
            {
                w.WriteNumber("delayTime", delay);
            }

            if (snapshot.ExecutionMs is { } execution)
            {
                w.WriteNumber("executionTime", execution);
            }

            w.WriteString("id", job.Id);
            if (includeResult && snapshot.OutputJson is { } output)
            {
                w.WritePropertyName("output");
                w.WriteRawValue(output);
            }

            if (includeResult && snapshot.Error is { } error)
            {
                w.WriteString("error", error);
            }

            w.WriteString("status", snapshot.Status);
            w.WriteEndObject();
        });
    }

    private sealed class DevJob(string id, JsonElement input)
    {
        private readonly object _gate = new();
        private readonly long _created = Stopwatch.GetTimestamp();
        private readonly List<string> _parts = [];
        private int _partsRead;
        private long? _started;
        private long? _finished;
        private string? _output;
        private string? _error;

        public string Id { get; } = id;

        public JsonElement Input { get; } = input;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public string Status { get; private set; } = "IN_QUEUE";

        public void Start()
        {
            lock (_gate)
            {
                _started = Stopwatch.GetTimestamp();
                Status = "IN_PROGRESS";
            }
        }

        public Task AddPart(string part, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _parts.Add(part);
            }

            return Task.CompletedTask;
        }

        public void Finish(string status, string? output, string? error)
        {
            lock (_gate)
            {
                _finished = Stopwatch.GetTimestamp();
                (Status, _output, _error) = (status, output, error);
            }
        }

        public (string Status, List<string> Parts) TakeParts()
        {
            lock (_gate)
            {
                var parts = _parts.Skip(_partsRead).ToList();
                _partsRead = _parts.Count;
                return (Status, parts);
            }
        }

        public (string Status, string? OutputJson, string? Error, long? DelayMs, long? ExecutionMs) Snapshot()
        {
            lock (_gate)
            {
                return (Status, _output, _error, Ms(_created, _started), Ms(_started, _finished));
            }
        }

        private static long? Ms(long? from, long? to) =>
            from is { } a && to is { } b ? (long)Stopwatch.GetElapsedTime(a, b).TotalMilliseconds : null;
    }
}
