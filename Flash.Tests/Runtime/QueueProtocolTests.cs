using System.Text.Json;
using Flash.FakeRunPod.Jobs;
using Microsoft.Extensions.Logging;

namespace Flash.Tests.Runtime;

/// <summary>The queue worker speaks RunPod's worker protocol exactly, checked on every recorded request.</summary>
public sealed class QueueProtocolTests : FakeJobServerFixture
{
    [Test]
    public async Task A_job_is_taken_run_and_its_result_posted_with_the_exact_body_url_and_headers()
    {
        Fake.Enqueue("job-1", """{"text": "hello"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        var result = (await Fake.WaitForResultsAsync(1)).Single();

        Assert.That(result.Method, Is.EqualTo("POST"));
        Assert.That(result.Path, Is.EqualTo($"/v2/{FakeJobServer.EndpointId}/job-done/pod-1/job-1"));
        Assert.That(result.Query, Is.EquivalentTo(new Dictionary<string, string> { ["gpu"] = "TEST", ["isStream"] = "false" }));
        Assert.That(result.Body, Is.EqualTo("""{"output":{"text":"hello","length":5}}"""));
        Assert.That(result.Header("Authorization"), Is.EqualTo("key-123"), "the raw API key, no Bearer");
        Assert.That(result.Header("X-Request-ID"), Is.EqualTo("job-1"));
        Assert.That(result.Header("Content-Type"), Is.EqualTo("application/json; charset=utf-8"));

        var take = Fake.Requests.First(r => r.Kind == "job-take");
        Assert.That(take.Method, Is.EqualTo("GET"));
        Assert.That(take.Path, Is.EqualTo($"/v2/{FakeJobServer.EndpointId}/job-take/pod-1"));
        Assert.That(take.Query, Is.EquivalentTo(new Dictionary<string, string> { ["gpu"] = "TEST", ["job_in_progress"] = "0" }));
        Assert.That(take.Header("Authorization"), Is.EqualTo("key-123"));
    }

    [Test]
    public async Task An_endpoint_with_max_concurrency_takes_batches_and_runs_them_at_once()
    {
        foreach (var word in new[] { "a", "b", "c", "d", "e" })
        {
            Fake.Enqueue("job-" + word, $$"""{"text": "{{word}}"}""");
        }

        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "batch", QueueWorkerHarness.SettingsFor(Fake));
        var results = await Fake.WaitForResultsAsync(5);

        Assert.That(results.ToDictionary(r => r.JobId!, r => r.Body), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["job-a"] = """{"output":"A"}""",
            ["job-b"] = """{"output":"B"}""",
            ["job-c"] = """{"output":"C"}""",
            ["job-d"] = """{"output":"D"}""",
            ["job-e"] = """{"output":"E"}""",
        }));
        var first = Fake.Requests.First(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal));
        Assert.That(first.Kind, Is.EqualTo("job-take-batch"));
        Assert.That(first.Query["batch_size"], Is.EqualTo("3"));
        Assert.That(first.Query["job_in_progress"], Is.EqualTo("0"));
        Assert.That(
            Fake.Requests.Where(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal)).Select(r => r.Query.GetValueOrDefault("batch_size")),
            Is.All.Matches<string?>(size => size is null or "1" or "2" or "3"),
            "never more than the free slots");
    }

    [Test]
    public async Task A_take_while_a_job_runs_says_job_in_progress()
    {
        Fake.Enqueue("long", """{"ms": 400}""");
        Fake.Enqueue("short", """{"ms": 1}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", QueueWorkerHarness.SettingsFor(Fake));
        await Fake.WaitForResultsAsync(2);

        var takes = Fake.Requests.Where(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal)).ToList();
        Assert.That(takes[0].Query["job_in_progress"], Is.EqualTo("0"));
        Assert.That(takes.Skip(1).Select(t => t.Query["job_in_progress"]), Does.Contain("1"));
    }

    [Test]
    public async Task A_streaming_method_posts_each_part_then_the_whole_output_with_isStream_true()
    {
        Fake.Enqueue("s-1", """{"text": "one two three"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "words", QueueWorkerHarness.SettingsFor(Fake));

        var result = (await Fake.WaitForResultsAsync(1)).Single();

        Assert.That(Fake.StreamParts.Select(p => p.Body), Is.EqualTo(new[] { """{"output":"one"}""", """{"output":"two"}""", """{"output":"three"}""" }));
        Assert.That(Fake.StreamParts.Select(p => p.Path), Is.All.EqualTo($"/v2/{FakeJobServer.EndpointId}/job-stream/pod-1/s-1"));
        Assert.That(Fake.StreamParts.Select(p => p.Query["isStream"]), Is.All.EqualTo("false"));
        Assert.That(result.Query["isStream"], Is.EqualTo("true"));
        Assert.That(result.Body, Is.EqualTo("""{"output":["one","two","three"]}"""));
        var order = Fake.Requests.Select(r => r.Kind).Where(k => k is "job-stream" or "job-done").ToList();
        Assert.That(order, Is.EqualTo(new[] { "job-stream", "job-stream", "job-stream", "job-done" }), "parts first, the final result last");
    }

    [Test]
    public async Task A_stream_that_throws_ends_with_one_error_result_after_its_parts()
    {
        Fake.Enqueue("s-2", "{}");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "words-then-fail", QueueWorkerHarness.SettingsFor(Fake));

        var result = (await Fake.WaitForResultsAsync(1)).Single();

        Assert.That(Fake.StreamParts.Select(p => p.Body), Is.EqualTo(new[] { """{"output":1}""" }));
        Assert.That(result.Query["isStream"], Is.EqualTo("true"));
        var error = ErrorPayload(result.Body);
        Assert.That(error.GetProperty("error_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(error.GetProperty("error_message").GetString(), Is.EqualTo("the stream broke"));
    }

    [Test]
    public async Task Heartbeats_carry_the_in_progress_job_ids()
    {
        Fake.Enqueue("beating", """{"ms": 600}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { PingInterval = TimeSpan.FromMilliseconds(50) };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", settings);

        await Fake.WaitForResultsAsync(1);

        var pings = Fake.Requests.Where(r => r.Kind == "ping").ToList();
        Assert.That(pings, Is.Not.Empty);
        Assert.That(pings[0].Path, Is.EqualTo($"/v2/{FakeJobServer.EndpointId}/ping/pod-1"));
        Assert.That(pings[0].Query["gpu"], Is.EqualTo("TEST"));
        Assert.That(pings.Select(p => p.Query["job_id"]), Does.Contain("beating"));
        Assert.That(pings.Select(p => p.Header("Authorization")), Is.All.EqualTo("key-123"));
    }

    [Test]
    public async Task Without_an_api_key_there_are_no_heartbeats_and_no_authorization_header()
    {
        var environment = Fake.WorkerEnvironment(apiKey: null);
        Fake.Enqueue("quiet", """{"text": "x"}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake, environment) with { PingInterval = TimeSpan.FromMilliseconds(20) };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", settings);

        await Fake.WaitForResultsAsync(1);
        await worker.StopAsync();

        Assert.That(Fake.Requests.Where(r => r.Kind == "ping"), Is.Empty);
        Assert.That(Fake.Requests.Select(r => r.Header("Authorization")), Is.All.Null);
    }

    [Test]
    public async Task A_job_stopped_by_the_platform_is_cancelled_and_gets_no_result_and_the_worker_goes_on()
    {
        Fake.Enqueue("doomed", """{"ms": 60000}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", QueueWorkerHarness.SettingsFor(Fake));
        await Fake.WaitForHandedOutAsync(1);
        await Fake.WaitForAsync(_ => worker.Worker.InProgress.Contains("doomed"), "the job to run");

        Fake.StopJob("doomed");
        await Fake.WaitForAsync(_ => worker.Worker.InProgress.Count == 0, "the stopped job to end");
        Fake.Enqueue("next", """{"ms": 1}""");
        var results = await Fake.WaitForResultsAsync(1);

        Assert.That(results.Select(r => r.JobId), Is.EqualTo(new[] { "next" }));
        Assert.That(Fake.Requests.Where(r => r.Kind == "job-done").Select(r => r.JobId), Is.EqualTo(new[] { "next" }), "nothing posted for the stopped job");
        var stopPoll = Fake.Requests.First(r => r.Kind == "job-stop");
        Assert.That(stopPoll.Path, Is.EqualTo($"/v2/{FakeJobServer.EndpointId}/job-stop/pod-1"));
        Assert.That(stopPoll.Query.ContainsKey("job_in_progress"), Is.False);
        Assert.That(worker.Log.At(LogLevel.Information), Does.Contain("Job doomed was stopped by the platform; no result is sent for it."));
    }

    [Test]
    public async Task A_job_past_the_execution_timeout_gets_an_error_result_even_when_it_ignores_cancellation()
    {
        Fake.Enqueue("stuck-1", "{}");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "stuck", QueueWorkerHarness.SettingsFor(Fake));

        var results = await Fake.WaitForResultsAsync(1);

        Assert.That(results.Single().Body, Is.EqualTo(
            """{"error":"The job ran longer than the execution timeout of endpoint 'stuck' (200 ms) and was cancelled."}"""));
    }

    [Test]
    public async Task Handler_exceptions_become_runpods_error_text_and_input_errors_their_message()
    {
        await using var boom = QueueWorkerHarness.Start(QueueApp.App, "boom", QueueWorkerHarness.SettingsFor(Fake));
        Fake.Enqueue("b-1", "{}");
        var error = ErrorPayload((await Fake.WaitForResultsAsync(1)).Single().Body);

        Assert.That(error.GetProperty("error_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(error.GetProperty("error_message").GetString(), Is.EqualTo("the model is not loaded"));
        Assert.That(error.GetProperty("error_traceback").GetString(), Does.StartWith("System.InvalidOperationException: the model is not loaded").And.Contain("at QueueApp.Jobs.Boom()"));
        Assert.That(error.GetProperty("hostname").GetString(), Is.EqualTo(Environment.MachineName));
        Assert.That(error.GetProperty("worker_id").GetString(), Is.EqualTo("pod-1"));
        Assert.That(error.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "error_type", "error_message", "error_traceback", "hostname", "worker_id" }));
    }

    [TestCase("{\"id\":\"i-1\",\"input\":{}}", "{\"error\":\"The input has no 'text': this endpoint needs {\\\"input\\\": {\\\"text\\\": <String>, …}}.\"}")]
    [TestCase("{\"id\":\"i-1\",\"input\":{\"text\":7}}", "{\"error\":\"The input 'text' is not a valid String: The JSON value could not be converted to System.String. Path: $ | LineNumber: 0 | BytePositionInLine: 1.\"}")]
    [TestCase("{\"id\":\"i-1\",\"input\":\"text\"}", "{\"error\":\"The input of endpoint 'echo' must be a JSON object of parameters by name, not string.\"}")]
    [TestCase("{\"id\":\"i-1\"}", "{\"error\":\"The job has no \\\"input\\\": RunPod jobs are {\\\"id\\\": …, \\\"input\\\": {…}}.\"}")]
    public async Task Bad_input_gets_an_error_result_that_names_the_problem(string job, string body)
    {
        Fake.EnqueueRaw(job);
        Fake.Enqueue("after", """{"text": "ok"}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "echo", QueueWorkerHarness.SettingsFor(Fake));

        var results = await Fake.WaitForResultsAsync(2);

        Assert.That(results[0].JobId, Is.EqualTo("i-1"));
        Assert.That(results[0].Body, Is.EqualTo(body));
        Assert.That(results[1].Body, Is.EqualTo("""{"output":{"text":"ok","length":2}}"""), "the worker goes on");
    }

    [Test]
    public async Task An_unserializable_result_is_an_error_result()
    {
        Fake.Enqueue("o-1", "{}");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "opaque", QueueWorkerHarness.SettingsFor(Fake));

        var error = ErrorPayload((await Fake.WaitForResultsAsync(1)).Single().Body);

        Assert.That(error.GetProperty("error_type").GetString(), Is.EqualTo("System.NotSupportedException"));
        Assert.That(error.GetProperty("error_message").GetString(), Does.Contain("System.Action"));
    }

    [Test]
    public async Task Shutdown_stops_taking_finishes_running_jobs_and_posts_their_results()
    {
        Fake.Enqueue("finishing", """{"ms": 300}""");
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", QueueWorkerHarness.SettingsFor(Fake));
        await Fake.WaitForAsync(_ => worker.Worker.InProgress.Contains("finishing"), "the job to run");

        await worker.StopAsync();
        var takesAtStop = Fake.Requests.Count(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal));
        Fake.Enqueue("never", """{"ms": 1}""");

        Assert.That(Fake.Results.Select(r => r.Body), Is.EqualTo(new[] { """{"output":"slept 300"}""" }));
        Assert.That(Fake.Requests.Count(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal)), Is.EqualTo(takesAtStop), "no take after the worker returned");
        Assert.That(Fake.Queued, Is.EqualTo(1));
    }

    [Test]
    public async Task Shutdown_cancels_jobs_that_outlive_the_grace_period_and_still_posts_one_result_each()
    {
        Fake.Enqueue("long-1", """{"ms": 60000}""");
        Fake.Enqueue("long-2", """{"ms": 60000}""");
        Fake.Enqueue("quick", """{"ms": 1}""");
        var settings = QueueWorkerHarness.SettingsFor(Fake) with { ShutdownGrace = TimeSpan.FromMilliseconds(200) };
        await using var worker = QueueWorkerHarness.Start(QueueApp.App, "slow", settings);
        await Fake.WaitForResultsAsync(1);
        await Fake.WaitForAsync(_ => worker.Worker.InProgress.Count == 2, "both long jobs to run");

        await worker.StopAsync();

        var results = Fake.Results.ToDictionary(r => r.JobId!, r => r.Body);
        Assert.That(results.Keys, Is.EquivalentTo(new[] { "long-1", "long-2", "quick" }));
        Assert.That(Fake.Requests.Count(r => r.Kind == "job-done"), Is.EqualTo(3), "exactly one result per job");
        Assert.That(results["long-1"], Is.EqualTo("""{"error":"The worker shut down and the job did not finish within the 200 ms grace period; it was cancelled."}"""));
        Assert.That(results["long-2"], Is.EqualTo(results["long-1"]));
    }

    private static JsonElement ErrorPayload(string body)
    {
        using var outer = JsonDocument.Parse(body);
        Assert.That(outer.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "error" }));
        return JsonDocument.Parse(outer.RootElement.GetProperty("error").GetString()!).RootElement.Clone();
    }
}
