using System.Collections.Concurrent;
using Flash.FakeRunPod;
using Flash.FakeRunPod.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flash.Tests.Infrastructure;

/// <summary>
/// A reverse proxy on loopback (real Kestrel) in front of a real endpoint API: it records every request it sees and
/// forwards it, unless a test scripted a fault for the request's route (<c>"GET /status"</c>, <c>"POST /run"</c>: see
/// <see cref="EndpointRoute"/>): its own 500 or 429, a dropped connection before or after forwarding, a slow answer.
/// It can also stop listening for a while, so connections to it are refused.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect" };

    private readonly HttpClient _forward;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ProxyFault>> _scripts = new(StringComparer.Ordinal);
    private readonly List<ProxiedRequest> _requests = [];
    private readonly int _port;
    private WebApplication _app;

    private FaultProxy(string target, WebApplication app, string baseUrl)
    {
        _forward = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(target),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _app = app;
        BaseUrl = baseUrl;
        _port = new Uri(baseUrl).Port;
    }

    /// <summary>Where clients send requests, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    /// <summary>Every request the proxy received, in order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a proxy on a free port of 127.0.0.1 forwarding to <paramref name="target"/>.</summary>
    public static async Task<FaultProxy> StartAsync(string target)
    {
        FaultProxy? proxy = null;
        var app = Build(0, context => proxy!.HandleAsync(context));
        proxy = new FaultProxy(target, app, await Loopback.StartAsync(app));
        return proxy;
    }

    /// <summary>The requests of <paramref name="route"/> received so far.</summary>
    public IReadOnlyList<ProxiedRequest> RequestsOf(string route) => Requests.Where(r => r.Route == route).ToList();

    /// <summary>Applies <paramref name="faults"/> in order to the next requests of <paramref name="route"/>; later ones pass.</summary>
    public void Script(string route, params ProxyFault[] faults)
    {
        var queue = _scripts.GetOrAdd(route, _ => new ConcurrentQueue<ProxyFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Stops listening (connections are refused), and listens again on the same port after <paramref name="period"/>.</summary>
    /// <returns>The proxy listening again.</returns>
    public async Task<Task> RefuseConnectionsAsync(TimeSpan period)
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        return ListenAgainAsync(period);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    private static WebApplication Build(int port, RequestDelegate handle)
    {
        var app = Loopback.Build(port);
        app.Run(handle);
        return app;
    }

    private async Task ListenAgainAsync(TimeSpan period)
    {
        await Task.Delay(period);
        _app = Build(_port, HandleAsync);
        await Loopback.StartAsync(_app);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var route = EndpointRoute.Of(context.Request.Method, context.Request.Path.Value!).Key;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var fault = _scripts.TryGetValue(route, out var queue) && queue.TryDequeue(out var scripted) ? scripted : null;
        lock (_requests)
        {
            _requests.Add(new ProxiedRequest(context.Request.Method, target, route, fault));
        }

        if (fault is { ResetBeforeForwarding: true })
        {
            context.Abort();
            return;
        }

        if (fault is { Status: > 0 })
        {
            context.Response.StatusCode = fault.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"error":"HTTP {{fault.Status}} from the proxy"}""", context.RequestAborted);
            return;
        }

        using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (body.Length > 0 || HttpMethods.IsPost(context.Request.Method))
        {
            forwarded.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var header in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        using var answer = await _forward.SendAsync(forwarded, context.RequestAborted);
        var answerBody = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (fault is { ResetAfterForwarding: true })
        {
            context.Abort();
            return;
        }

        if (fault is { AnswerDelay: var delay } && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await context.Response.Body.WriteAsync(answerBody, context.RequestAborted);
    }
}

/// <summary>One request the proxy received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target as sent (<c>/v2/ep/status/job-1</c>).</param>
/// <param name="Route">The route key (<c>GET /status</c>).</param>
/// <param name="Fault">The fault applied to it, or null when it passed untouched.</param>
internal sealed record ProxiedRequest(string Method, string Target, string Route, ProxyFault? Fault);
