using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.LoadBalanced;
using Flash.Workers.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flash.Tests.Runtime;

/// <summary>
/// The execution timeout holds for methods that block their thread and ignore their token, in every mode: the job
/// ends at its deadline with the timeout error, the method's late result is never used, and a method that does not
/// return within the timeout grace is reported (queue worker: stops and exits 1; load-balanced: /ping 503; dev
/// server: /health unhealthy; local test: exits 1 without waiting).
/// </summary>
[NonParallelizable]
public sealed class ExecutionTimeoutTests : FakeJobServerFixture
{
    private const string Source = """
        namespace BlockingApp;

        public static class Gate
        {
            public static readonly ManualResetEventSlim Open = new(false);
            public static int Returned;

            // Holds its thread until the test opens the gate, whatever its cancellation token says.
            public static string Block(string text)
            {
                Open.Wait(TimeSpan.FromMinutes(2));
                Interlocked.Increment(ref Returned);
                return "late " + text;
            }
        }

        public static class Jobs
        {
            [Endpoint("blocking", ExecutionTimeoutMs = 200)]
            public static string Blocking(string text) => Gate.Block(text);

            // Blocks before its first await, so it is synchronous for its caller too.
            [Endpoint("blocking-async", ExecutionTimeoutMs = 200)]
            public static async Task<string> BlockingAsync(string text)
            {
                var result = Gate.Block(text);
                await Task.Yield();
                return result;
            }

            [Endpoint("quick", ExecutionTimeoutMs = 60000)]
            public static string Quick(string text) => "quick " + text;
        }

        [Endpoint("blocking-api", ExecutionTimeoutMs = 200)]
        public sealed class BlockingApi
        {
            [Get("/block")]
            public string Block(string text) => Gate.Block(text);
        }
        """;

    private const string TimeoutError = "The job ran longer than the execution timeout of endpoint 'blocking' (200 ms) and was cancelled.";

    private static GeneratedApp _app = null!;

    private static ManualResetEventSlim Open => (ManualResetEventSlim)Gate.GetField("Open")!.GetValue(null)!;

    private static int Returned => (int)Gate.GetField("Returned")!.GetValue(null)!;

    private static Type Gate => _app.Type("BlockingApp.Gate");

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "BlockingApp");

    [OneTimeTearDown]
    public static void Unload()
    {
        Open.Set();
        _app.Dispose();
    }

    [SetUp]
    public void CloseTheGate()
    {
        Open.Reset();
        Gate.GetField("Returned")!.SetValue(null, 0);
    }

    [TearDown]
    public void OpenTheGate() => Open.Set();

    [TestCase("blocking")]
    [TestCase("blocking-async")]
    public async Task A_method_that_blocks_its_thread_ends_its_job_at_the_deadline_while_it_still_runs(string endpoint)
    {
        var runner = _app.Runner(endpoint);
        using var input = JsonDocument.Parse("""{"text": "a"}""");

        var outcome = await runner.RunAsync(input.RootElement, "j-1", null, CancellationToken.None);

        Assert.That(outcome.Result.ErrorKind, Is.EqualTo(JobErrorKind.TimedOut));
        Assert.That(outcome.Result.Error, Is.EqualTo($"The job ran longer than the execution timeout of endpoint '{endpoint}' (200 ms) and was cancelled."));
        Assert.That(Returned, Is.Zero, "the result came while the method was still blocked");
        Assert.That(outcome.Unfinished, Is.Not.Null);

        Open.Set();
        await outcome.Unfinished!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(Returned, Is.EqualTo(1));
    }

    [Test]
    public void An_endpoint_with_a_timeout_still_returns_results_of_methods_that_finish()
    {
        var result = _app.Run("quick", """{"input": {"text": "a"}}""");

        Assert.That(result.OutputJson, Is.EqualTo("\"quick a\""));
    }

    [Test]
    public async Task The_queue_worker_posts_the_timeout_result_at_the_deadline_and_never_the_late_one()
    {
        Fake.Enqueue("b-1", """{"text": "a"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { TimeoutGrace = TimeSpan.FromMinutes(1) };
        await using var worker = QueueWorkerHarness.Start(_app, "blocking", settings);

        var timedOut = (await Fake.WaitForResultsAsync(1)).Single();
        var returnedAtPost = Returned;
        Open.Set();
        Fake.Enqueue("b-2", """{"text": "b"}""");
        await Fake.WaitForAsync(r => r.Any(x => x.Kind == "job-done" && x.JobId == "b-2"), "the next job's result");
        await worker.StopAsync();

        Assert.That(timedOut.JobId, Is.EqualTo("b-1"));
        Assert.That(timedOut.Body, Is.EqualTo($$"""{"error":"{{TimeoutError}}"}"""));
        Assert.That(returnedAtPost, Is.Zero, "posted while the method was still blocked");
        Assert.That(Fake.Requests.Where(r => r.Kind == "job-done").Select(r => (r.JobId, r.Body)), Is.EqualTo(new[]
        {
            ("b-1", $$"""{"error":"{{TimeoutError}}"}"""),
            ("b-2", """{"output":"late b"}"""),
        }), "one result per job; the late 'late a' never posted");
        Assert.That(worker.Run.Result, Is.True, "a method that returned within the grace leaves the worker healthy");
    }

    [Test]
    public async Task A_method_still_running_after_the_grace_stops_the_queue_worker_unhealthy()
    {
        Fake.Enqueue("b-1", """{"text": "a"}""");
        Fake.Enqueue("b-2", """{"text": "b"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { TimeoutGrace = TimeSpan.FromMilliseconds(100) };
        await using var worker = QueueWorkerHarness.Start(_app, "blocking", settings);

        var healthy = await worker.Run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(healthy, Is.False);
        Assert.That(Fake.Results.Select(r => (r.JobId, r.Body)), Is.EqualTo(new[] { ("b-1", $$"""{"error":"{{TimeoutError}}"}""") }));
        Assert.That(Fake.Queued, Is.EqualTo(1), "no job taken after the method got stuck");
        Assert.That(worker.Log.At(LogLevel.Critical), Is.EqualTo(new[]
        {
            "The method of job b-1 (endpoint 'blocking') ignores its cancellation: it is still running 100 ms after the job ended (execution timeout or stop) " +
            "and holds a thread. The worker takes no more jobs and exits with code 1 so RunPod replaces it.",
            "Worker pod-1 stopped because a method is stuck; exiting with code 1 so RunPod replaces it.",
        }));
        Assert.That(Returned, Is.Zero);
    }

    [Test]
    public async Task A_queue_worker_with_a_stuck_method_exits_with_code_1()
    {
        Fake.Enqueue("b-1", """{"text": "a"}""");
        var environment = Fake.WorkerEnvironment();
        environment["FLASH_TIMEOUT_GRACE_MS"] = "100";
        environment["FLASH_IDLE_POLL_MS"] = "20";
        var output = new StringWriter();

        var exit = await FlashWorker.RunAsync(_app.Registry, ["--endpoint", "blocking"], new FlashWorkerOptions { Settings = environment, Out = output, Error = output })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Fake.Results.Single().Body, Is.EqualTo($$"""{"error":"{{TimeoutError}}"}"""));
    }

    [Test]
    public async Task Local_test_mode_prints_the_timeout_result_and_exits_1_without_waiting_for_the_method()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await FlashWorker.RunAsync(
            _app.Registry,
            ["--endpoint", "blocking", "--test-input", """{"input": {"text": "a"}}"""],
            new FlashWorkerOptions { Out = stdout, Error = stderr, Settings = new Dictionary<string, string?>() }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Returned, Is.Zero, "returned while the method is still blocked");
        Assert.That(stdout.ToString(), Is.EqualTo($$"""{"error":"{{TimeoutError}}"}""" + Environment.NewLine));
        Assert.That(stderr.ToString(), Is.EqualTo("The method ignores its cancellation and is still running; the test does not wait for it." + Environment.NewLine));
    }

    [Test]
    public async Task The_dev_server_answers_timed_out_at_the_deadline_and_health_counts_a_stuck_method_unhealthy()
    {
        var server = new DevServer(_app.Runner("blocking"), new ListLogger(), new OverrunMethods(TimeSpan.FromMilliseconds(100)));
        await using var web = await Web.StartAsync(server.Map);

        var sync = JsonNode.Parse((await web.SendAsync(HttpMethod.Post, "/runsync", """{"input": {"text": "a"}}""")).Text)!;
        var returnedAtAnswer = Returned;
        var stuck = await WaitForAsync(web, "/health", h => h["workers"]!["unhealthy"]!.GetValue<int>() == 1);
        Open.Set();
        var recovered = await WaitForAsync(web, "/health", h => h["workers"]!["unhealthy"]!.GetValue<int>() == 0);
        var status = JsonNode.Parse(await web.Http.GetStringAsync($"/status/{sync["id"]!.GetValue<string>()}"))!;

        Assert.That(sync["status"]!.GetValue<string>(), Is.EqualTo("TIMED_OUT"));
        Assert.That(sync["error"]!.GetValue<string>(), Is.EqualTo(TimeoutError));
        Assert.That(returnedAtAnswer, Is.Zero);
        Assert.That(stuck["workers"]!["ready"]!.GetValue<int>(), Is.Zero);
        Assert.That(recovered["workers"]!["ready"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("TIMED_OUT"), "the late result does not replace the timeout");
        Assert.That(status["output"], Is.Null);
    }

    [Test]
    public async Task A_load_balanced_route_answers_the_timeout_and_ping_says_503_while_the_method_is_stuck()
    {
        var log = new ListLogger();
        var endpoint = _app.Registry.Find("blocking-api")!;
        var server = new RouteServer(endpoint, development: false, log, new OverrunMethods(TimeSpan.FromMilliseconds(100)));
        server.Ready(EndpointRunner.Create(endpoint, GeneratedApp.Json, new ServiceCollection().BuildServiceProvider()));
        await using var web = await Web.StartAsync(app => server.Map(app, healthPort: null));

        var call = await web.SendAsync(HttpMethod.Get, "/block?text=a", null);
        var returnedAtAnswer = Returned;
        var unhealthy = await WaitForPingAsync(web, HttpStatusCode.ServiceUnavailable);
        Open.Set();
        var healthy = await WaitForPingAsync(web, HttpStatusCode.OK);

        Assert.That(call.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(call.Text, Is.EqualTo("""{"error":"The job ran longer than the execution timeout of endpoint 'blocking-api' (200 ms) and was cancelled."}"""));
        Assert.That(returnedAtAnswer, Is.Zero);
        Assert.That(unhealthy, Is.EqualTo(
            """{"status":"unhealthy","error":"1 method call(s) ran past the execution timeout and still hold a thread; the worker is unhealthy until they return."}"""));
        Assert.That(healthy, Is.EqualTo("""{"status":"healthy"}"""));
        Assert.That(log.At(LogLevel.Error), Does.Contain(
            "Block (GET /block) ignores its cancellation and is still running 100 ms after its call ended; /ping answers 503 until it returns, so the platform can replace this worker."));
    }

    private static async Task<JsonNode> WaitForAsync(Web web, string path, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var node = JsonNode.Parse(await web.Http.GetStringAsync(path))!;
            if (condition(node) || DateTime.UtcNow > deadline)
            {
                return node;
            }

            await Task.Delay(20);
        }
    }

    private static async Task<string> WaitForPingAsync(Web web, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var ping = await web.SendAsync(HttpMethod.Get, "/ping", null);
            if (ping.Status == status || DateTime.UtcNow > deadline)
            {
                return ping.Text;
            }

            await Task.Delay(20);
        }
    }
}
