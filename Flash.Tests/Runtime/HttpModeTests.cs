using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;
using Flash.Workers.LoadBalanced;
using Flash.Workers.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flash.Tests.Runtime;

/// <summary>
/// The dev server and the load-balanced server in-process on real Kestrel (127.0.0.1, port 0), for what a process
/// cannot show on cue: the starting state, timeouts, cancellation, streaming routes, errors without stack traces.
/// </summary>
public sealed class HttpModeTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;

        namespace HttpApp;

        public sealed record Item(int Id, string Name);

        [Endpoint("api")]
        public sealed class Api
        {
            [Get("/items/{id}")]
            public Item Get(int id, string name = "unnamed") => new(id, name);

            [Post("/items")]
            public Item Create(Item item) => item;

            [Delete("/items/{id}")]
            public void Delete(int id) { }

            [Post("/fail")]
            public int Fail() => throw new InvalidOperationException("secret detail");

            [Get("/count")]
            public async IAsyncEnumerable<int> Count(int to, [EnumeratorCancellation] CancellationToken ct)
            {
                for (var i = 1; i <= to; i++)
                {
                    await Task.Yield();
                    yield return i;
                }
            }
        }

        public static class Jobs
        {
            [Endpoint("wait", ExecutionTimeoutMs = 30000)]
            public static async Task<string> Wait(int ms, CancellationToken ct)
            {
                await Task.Delay(ms, ct);
                return "waited";
            }

            [Endpoint("stuck", ExecutionTimeoutMs = 100)]
            public static Task<string> Stuck() => new TaskCompletionSource<string>().Task;

            [Endpoint("letters")]
            public static async IAsyncEnumerable<string> Letters(string word)
            {
                foreach (var c in word)
                {
                    await Task.Yield();
                    yield return c.ToString();
                }
            }
        }
        """;

    private static GeneratedApp _app = null!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "HttpApp");

    [OneTimeTearDown]
    public static void Unload() => _app.Dispose();

    [Test]
    public async Task Ping_answers_204_while_starting_and_200_when_ready_and_routes_wait_for_ready()
    {
        var server = new RouteServer(_app.Registry.Find("api")!, development: false, new ListLogger());
        await using var web = await Web.StartAsync(app => server.Map(app, healthPort: null));

        var starting = await web.Http.GetAsync("/ping");
        var early = await web.Http.GetAsync("/items/1");
        server.Ready(_app.Runner("api"));
        var ready = await web.Http.GetAsync("/ping");

        Assert.That(starting.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Routes_bind_path_query_and_body_by_parameter_name()
    {
        await using var web = await StartRoutesAsync(development: false);

        var byPath = await web.Http.GetStringAsync("/items/7");
        var withQuery = await web.Http.GetStringAsync("/items/7?name=lamp");
        var created = await web.SendAsync(HttpMethod.Post, "/items", """{"item": {"id": 3, "name": "desk"}}""");
        var deleted = await web.SendAsync(HttpMethod.Delete, "/items/3", null);
        var badPath = await web.SendAsync(HttpMethod.Get, "/items/seven", null);
        var streamed = await web.Http.GetStringAsync("/count?to=4");

        Assert.That(byPath, Is.EqualTo("""{"id":7,"name":"unnamed"}"""));
        Assert.That(withQuery, Is.EqualTo("""{"id":7,"name":"lamp"}"""));
        Assert.That((created.Status, created.Text), Is.EqualTo((HttpStatusCode.OK, """{"id":3,"name":"desk"}""")));
        Assert.That((deleted.Status, deleted.Text), Is.EqualTo((HttpStatusCode.OK, "null")));
        Assert.That(badPath.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(JsonNode.Parse(badPath.Text)!["error"]!.GetValue<string>(), Does.StartWith("The input 'id' is not a valid Int32: "));
        Assert.That(streamed, Is.EqualTo("[1,2,3,4]"));
    }

    [Test]
    public async Task A_handler_exception_is_a_500_without_details_unless_in_development()
    {
        var log = new ListLogger();
        await using var production = await StartRoutesAsync(development: false, log);
        await using var development = await StartRoutesAsync(development: true);

        var hidden = await production.SendAsync(HttpMethod.Post, "/fail", null);
        var shown = await development.SendAsync(HttpMethod.Post, "/fail", null);

        Assert.That(hidden.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(hidden.Text, Is.EqualTo("""{"error":"The request failed inside the endpoint; the worker's log has the details."}"""));
        Assert.That(shown.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(shown.Text, Is.EqualTo("""{"error":"'Fail' threw System.InvalidOperationException: secret detail"}"""));
        Assert.That(log.At(LogLevel.Error).Single(), Is.EqualTo("POST /fail (Fail) failed: 'Fail' threw System.InvalidOperationException: secret detail"));
    }

    [Test]
    public async Task The_dev_server_cancels_times_out_and_streams_like_runpod()
    {
        await using var waiting = await StartDevServerAsync("wait");
        await using var stuck = await StartDevServerAsync("stuck");
        await using var letters = await StartDevServerAsync("letters");

        var queued = JsonNode.Parse((await waiting.SendAsync(HttpMethod.Post, "/run", """{"input": {"ms": 60000}}""")).Text)!;
        var id = queued["id"]!.GetValue<string>();
        var cancelled = JsonNode.Parse((await waiting.SendAsync(HttpMethod.Post, $"/cancel/{id}", null)).Text)!;
        var afterCancel = JsonNode.Parse(await waiting.Http.GetStringAsync($"/status/{id}"))!;
        var timedOut = JsonNode.Parse((await stuck.SendAsync(HttpMethod.Post, "/runsync", """{"input": {}}""")).Text)!;
        var streamedJob = JsonNode.Parse((await letters.SendAsync(HttpMethod.Post, "/runsync", """{"input": {"word": "abc"}}""")).Text)!;
        var stream = JsonNode.Parse(await letters.Http.GetStringAsync($"/stream/{streamedJob["id"]!.GetValue<string>()}"))!;
        var tooLarge = await letters.SendAsync(HttpMethod.Post, "/run", "{\"input\": \"" + new string('x', 11 * 1024 * 1024) + "\"}", expectContinue: true);

        Assert.That(queued["status"]!.GetValue<string>(), Is.EqualTo("IN_QUEUE"));
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));
        Assert.That(afterCancel["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));
        Assert.That(timedOut["status"]!.GetValue<string>(), Is.EqualTo("TIMED_OUT"));
        Assert.That(timedOut["error"]!.GetValue<string>(), Is.EqualTo("The job ran longer than the execution timeout of endpoint 'stuck' (100 ms) and was cancelled."));
        Assert.That(streamedJob["output"]!.ToJsonString(), Is.EqualTo("""["a","b","c"]"""));
        Assert.That(stream.ToJsonString(), Is.EqualTo("""{"status":"COMPLETED","stream":[{"output":"a"},{"output":"b"},{"output":"c"}]}"""));
        Assert.That(tooLarge.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    private static async Task<Web> StartRoutesAsync(bool development, ListLogger? log = null)
    {
        var server = new RouteServer(_app.Registry.Find("api")!, development, log ?? new ListLogger());
        server.Ready(_app.Runner("api"));
        return await Web.StartAsync(app => server.Map(app, healthPort: null));
    }

    private static Task<Web> StartDevServerAsync(string endpoint)
    {
        var server = new DevServer(_app.Runner(endpoint), new ListLogger());
        return Web.StartAsync(server.Map);
    }

    /// <summary>A Kestrel server on 127.0.0.1 with a free port, and a client for it.</summary>
    private sealed class Web : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Web(WebApplication app, string baseUrl)
        {
            _app = app;
            Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Http { get; }

        public static async Task<Web> StartAsync(Action<WebApplication> map)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            return new Web(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        /// <summary>Sends a request; with <paramref name="expectContinue"/> the body waits for the server's go-ahead, so a refusal arrives before it.</summary>
        public async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, string? body, bool expectContinue = false)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.ExpectContinue = expectContinue;
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
