using System.Net;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.LoadBalanced;
using Flash.Workers.Local;
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

            [Post("/echo")]
            public string Echo(string text) => text.ToUpperInvariant();

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
        var server = new RouteServer(_app.Registry.Find("api")!, development: false, new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)));
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
    public async Task Requests_no_route_takes_get_a_json_404_or_405_naming_the_method_and_path()
    {
        await using var web = await StartRoutesAsync(development: false);

        var unknown = await web.SendAsync(HttpMethod.Get, "/nope", null);
        var wrongMethod = await web.SendAsync(HttpMethod.Put, "/items", "{}");

        Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Text, Is.EqualTo(
            """{"error":"No route of endpoint 'api' matches GET /nope. Its routes: GET /items/{id}, POST /items, DELETE /items/{id}, POST /fail, POST /echo, GET /count."}"""));
        Assert.That(wrongMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(wrongMethod.Text, Is.EqualTo("""{"error":"PUT /items is not allowed: this path answers POST."}"""));
    }

    [Test]
    public async Task A_missing_or_null_parameter_is_a_422_that_speaks_of_the_request()
    {
        await using var web = await StartRoutesAsync(development: false);

        var missing = await web.SendAsync(HttpMethod.Post, "/echo", "{}");
        var nullText = await web.SendAsync(HttpMethod.Post, "/echo", """{"text": null}""");
        var nullInRecord = await web.SendAsync(HttpMethod.Post, "/items", """{"item": {"id": 1, "name": null}}""");

        Assert.That((missing.Status, missing.Text), Is.EqualTo((HttpStatusCode.UnprocessableEntity,
            """{"error":"The request has no 'text': send it in the JSON body ({\"text\": <String>, …}), the query string or the path."}""")));
        Assert.That((nullText.Status, nullText.Text), Is.EqualTo((HttpStatusCode.UnprocessableEntity,
            """{"error":"The input 'text' is null, but the parameter is a non-nullable String."}""")));
        Assert.That(nullInRecord.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(JsonNode.Parse(nullInRecord.Text)!["error"]!.GetValue<string>(), Is.EqualTo(
            "The input 'item' is not a valid Item: The constructor parameter 'Name' on type 'HttpApp.Item' doesn't allow null values. " +
            "Consider updating its nullability annotation. Path: $.name | LineNumber: 0 | BytePositionInLine: 19."));
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
        var unrouted = await letters.SendAsync(HttpMethod.Get, "/nope", null);
        var wrongMethod = await letters.SendAsync(HttpMethod.Get, "/run", null);

        Assert.That(queued["status"]!.GetValue<string>(), Is.EqualTo("IN_QUEUE"));
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));
        Assert.That(afterCancel["status"]!.GetValue<string>(), Is.EqualTo("CANCELLED"));
        Assert.That(timedOut["status"]!.GetValue<string>(), Is.EqualTo("TIMED_OUT"));
        Assert.That(timedOut["error"]!.GetValue<string>(), Is.EqualTo("The job ran longer than the execution timeout of endpoint 'stuck' (100 ms) and was cancelled."));
        Assert.That(streamedJob["output"]!.ToJsonString(), Is.EqualTo("""["a","b","c"]"""));
        Assert.That(stream.ToJsonString(), Is.EqualTo("""{"status":"COMPLETED","stream":[{"output":"a"},{"output":"b"},{"output":"c"}]}"""));
        Assert.That(tooLarge.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((unrouted.Status, unrouted.Text), Is.EqualTo((HttpStatusCode.NotFound,
            """{"error":"The dev server has no GET /nope: it answers POST /run, POST /runsync, GET /status/ID, GET /stream/ID, POST /cancel/ID and GET /health, also under /v2/ENDPOINT_ID/."}""")));
        Assert.That((wrongMethod.Status, wrongMethod.Text), Is.EqualTo((HttpStatusCode.MethodNotAllowed, """{"error":"GET /run is not allowed: this path answers POST."}""")));
    }

    private static async Task<Web> StartRoutesAsync(bool development, ListLogger? log = null)
    {
        var server = new RouteServer(_app.Registry.Find("api")!, development, log ?? new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)));
        server.Ready(EndpointRunner.Create(_app.Registry.Find("api")!, FlashJson.CreateOptions(_app.Registry.JsonResolver), new ServiceCollection().BuildServiceProvider()));
        return await Web.StartAsync(app => server.Map(app, healthPort: null));
    }

    private static Task<Web> StartDevServerAsync(string endpoint)
    {
        var server = new DevServer(_app.Runner(endpoint), new ListLogger(), new OverrunMethods(TimeSpan.FromSeconds(10)));
        return Web.StartAsync(server.Map);
    }
}
