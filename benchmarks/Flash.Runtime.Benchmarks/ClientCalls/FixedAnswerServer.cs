using Flash.FakeRunPod;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>
/// Kestrel on 127.0.0.1 answering every call with the same bytes, so both callers meet the same server cost:
/// <c>POST /v2/echo/runsync</c> a COMPLETED job, <c>GET /v2/api/items/{id}</c> an item.
/// </summary>
internal sealed class FixedAnswerServer : IAsyncDisposable
{
    public static readonly byte[] RunSyncAnswer =
        """{"id":"sync-5f2c1a9e-0b7d-4e11-9c3a-2d8f6e4b1a70-u1","status":"COMPLETED","delayTime":12,"executionTime":3,"output":{"text":"hello","length":5,"score":0.93,"cached":false}}"""u8.ToArray();

    public static readonly byte[] ItemAnswer = """{"id":42,"name":"item 42","tags":["a","b"]}"""u8.ToArray();

    private readonly WebApplication _app;

    private FixedAnswerServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The base address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    public static async Task<FixedAnswerServer> StartAsync()
    {
        var app = Loopback.Build(port: 0);
        app.MapPost("/v2/echo/runsync", static async context =>
        {
            // Read the job as a server must, then answer.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            await WriteAsync(context, RunSyncAnswer);
        });
        app.MapGet("/v2/api/items/{id}", static context => WriteAsync(context, ItemAnswer));
        return new FixedAnswerServer(app, await Loopback.StartAsync(app));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
