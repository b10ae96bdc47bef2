using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flash.FakeRunPod.Endpoints;

/// <summary>
/// A fake of RunPod's public endpoint API (<c>/v2/{endpoint}/run</c>, <c>/runsync</c>, <c>/status/{job}</c>,
/// <c>/stream/{job}</c>, <c>/cancel/{job}</c>, <c>/health</c>, and any route of a load-balanced endpoint under the same
/// base) on real Kestrel on 127.0.0.1. It records every request and answers as each test scripts it, per route: a
/// sequence of replies (status sequences, errors, dropped connections, slow answers), the last repeated.
/// </summary>
public sealed class FakeEndpointServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EndpointReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EndpointReply> _lastReplies = new(StringComparer.Ordinal);
    private readonly List<RecordedEndpointRequest> _requests = [];
    private readonly object _gate = new();

    private FakeEndpointServer(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>When set, a request without <c>Authorization: Bearer {key}</c> gets 401, as RunPod answers.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedEndpointRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts the server on a free port of 127.0.0.1.</summary>
    public static async Task<FakeEndpointServer> StartAsync()
    {
        var app = Loopback.Build(port: 0);
        var server = new FakeEndpointServer(app);
        app.Run(server.HandleAsync);
        server.BaseUrl = await Loopback.StartAsync(app).ConfigureAwait(false);
        return server;
    }

    /// <summary>The base URL of endpoint <paramref name="endpoint"/> (what <c>/run</c> is appended to).</summary>
    public string UrlOf(string endpoint) => $"{BaseUrl}/v2/{endpoint}";

    /// <summary>
    /// Answers the next requests of <paramref name="route"/> (<c>"POST /run"</c>, <c>"GET /status"</c>, a route's
    /// <c>"POST /items"</c>: the method and the first path segment after the endpoint) with <paramref name="replies"/>
    /// in order; the last one answers every later request.
    /// </summary>
    public void Script(string route, params EndpointReply[] replies)
    {
        var queue = _scripts.GetOrAdd(route, _ => new ConcurrentQueue<EndpointReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    /// <summary>The requests of <paramref name="route"/> received so far.</summary>
    public IReadOnlyList<RecordedEndpointRequest> RequestsOf(string route) => Requests.Where(r => r.Route == route).ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var (endpoint, route) = EndpointRoute.Of(context.Request.Method, context.Request.Path.Value!);
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        lock (_gate)
        {
            _requests.Add(new RecordedEndpointRequest(context.Request.Method, target, endpoint, route, authorization, body));
        }

        var reply = RequiredApiKey is { } key && authorization != "Bearer " + key
            ? EndpointReply.Error(401, "Unauthorized: a valid API key is required.")
            : Next(route);
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (reply.Reset)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private EndpointReply Next(string route)
    {
        if (_scripts.TryGetValue(route, out var queue) && queue.TryDequeue(out var scripted))
        {
            _lastReplies[route] = scripted;
            return scripted;
        }

        return _lastReplies.TryGetValue(route, out var last) ? last : Default(route);
    }

    /// <summary>What RunPod answers when nothing is scripted: a job that completes at once with a null output.</summary>
    private static EndpointReply Default(string route) => route switch
    {
        "POST /run" => EndpointReply.Job("job-1", "IN_QUEUE"),
        "POST /runsync" or "GET /status" => EndpointReply.Job("job-1", "COMPLETED", "null"),
        "POST /cancel" => EndpointReply.Job("job-1", "CANCELLED"),
        "GET /stream" => EndpointReply.Stream("COMPLETED"),
        "GET /health" => EndpointReply.Json("{\"jobs\":{\"completed\":1,\"failed\":0,\"inProgress\":0,\"inQueue\":0,\"retried\":0},\"workers\":{\"idle\":1,\"running\":0}}"),
        _ => EndpointReply.Error(404, $"No route {route}."),
    };
}
