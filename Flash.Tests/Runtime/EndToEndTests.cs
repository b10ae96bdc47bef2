using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Runtime;

/// <summary>
/// The built samples/Quickstart started as a real process in each mode: a queue worker against the fake job server
/// (and SIGTERM), the local test mode, the dev server and the load-balanced server over real HTTP on loopback.
/// </summary>
[NonParallelizable]
public sealed class EndToEndTests : FakeJobServerFixture
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task The_sample_runs_as_a_queue_worker_against_the_job_api_and_stops_cleanly_on_SIGTERM()
    {
        Fake.Enqueue("ok", """{"data": {"text": "hello"}}""");
        Fake.Enqueue("bad", """{"data": {"txt": "hello"}}""");
        Fake.EnqueueRaw("""{"id": "no-input"}""");
        var environment = Fake.WorkerEnvironment();
        environment["FLASH_RESOURCE_NAME"] = "large-temp-storage";
        environment["FLASH_IDLE_POLL_MS"] = "20";
        using var worker = WorkerProcess.Start([], environment);

        var results = (await Fake.WaitForResultsAsync(3)).ToDictionary(r => r.JobId!, r => r.Body);
        worker.Terminate();
        var exit = await worker.WaitForExitAsync();
        var takesAfterExit = Fake.Requests.Count;
        Fake.Enqueue("late", """{"data": {"text": "x"}}""");

        Assert.That(results["ok"], Is.EqualTo("""{"output":{"message":"processed hello","length":5}}"""));
        Assert.That(results["bad"], Is.EqualTo("""{"error":"The input 'data' is not a valid Request: JSON deserialization for type 'Quickstart.Request' was missing required properties including: 'text'."}"""));
        Assert.That(results["no-input"], Is.EqualTo("""{"error":"The job has no \"input\": RunPod jobs are {\"id\": …, \"input\": {…}}."}"""));
        Assert.That(exit, Is.EqualTo(0), worker.Stderr);
        Assert.That(worker.Stderr, Does.Contain("Worker pod-1 serving endpoint 'large-temp-storage' from the job queue, up to 1 job(s) at once."));
        Assert.That(worker.Stderr, Does.Contain("Worker pod-1 stopped."));
        Assert.That(worker.Stdout, Is.Empty, "standard output is for results; logs go to standard error");
        Assert.That(Fake.Requests, Has.Count.EqualTo(takesAfterExit), "no request after the process exited");
        Assert.That(Fake.Requests.Where(r => r.Kind == "job-done").Select(r => r.Header("Authorization")), Is.All.EqualTo("key-123"));
    }

    [Test]
    public async Task A_streaming_endpoint_streams_its_parts_from_the_process()
    {
        Fake.Enqueue("s-1", """{"data": {"text": "to be or not"}}""");
        var environment = Fake.WorkerEnvironment();
        environment["FLASH_RESOURCE_NAME"] = "word-stream";
        using var worker = WorkerProcess.Start([], environment);

        var result = (await Fake.WaitForResultsAsync(1)).Single();
        worker.Terminate();

        Assert.That(Fake.StreamParts.Select(p => p.Body), Is.EqualTo(new[] { """{"output":"to"}""", """{"output":"be"}""", """{"output":"or"}""", """{"output":"not"}""" }));
        Assert.That(result.Body, Is.EqualTo("""{"output":["to","be","or","not"]}"""));
        Assert.That(result.Query["isStream"], Is.EqualTo("true"));
        Assert.That(Fake.Requests.First(r => r.Kind.StartsWith("job-take", StringComparison.Ordinal)).Kind, Is.EqualTo("job-take-batch"), "MaxConcurrency = 4");
        Assert.That(await worker.WaitForExitAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task Local_test_mode_prints_the_result_and_sets_the_exit_code()
    {
        using var ok = WorkerProcess.Start(["--endpoint", "large-temp-storage", "--test-input", """{"input": {"data": {"text": "héllo"}}}"""]);
        using var error = WorkerProcess.Start(["--endpoint", "large-temp-storage", "--test-input", """{"input": {}}"""]);
        using var nullText = WorkerProcess.Start(["--endpoint", "large-temp-storage", "--test-input", """{"input": {"data": {"text": null}}}"""]);
        using var mismatch = WorkerProcess.Start(["--endpoint", "global-inference", "--test-input", """{"input": {"data": {"text": "a"}}}""", "--test-output", """{"output": {"message": "inferred b", "length": 1}}"""]);
        using var match = WorkerProcess.Start(["--endpoint", "global-inference", "--test-input", """{"input": {"data": {"text": "a"}}}""", "--test-output", """{"output": {"length": 1, "message": "inferred a"}}"""]);

        Assert.That(await ok.WaitForExitAsync(), Is.EqualTo(0), ok.Stderr);
        Assert.That(ok.Stdout, Is.EqualTo("{\"output\":{\"message\":\"processed héllo\",\"length\":5}}\n"));
        Assert.That(await error.WaitForExitAsync(), Is.EqualTo(1));
        Assert.That(error.Stdout, Is.EqualTo("{\"error\":\"The input has no 'data': this endpoint needs {\\\"input\\\": {\\\"data\\\": <Request>, …}}.\"}\n"));
        Assert.That(await nullText.WaitForExitAsync(), Is.EqualTo(1));
        Assert.That(nullText.Stdout, Is.EqualTo(
            "{\"error\":\"The input 'data' is not a valid Request: The constructor parameter 'Text' on type 'Quickstart.Request' doesn't allow null values. " +
            "Consider updating its nullability annotation. Path: $.text | LineNumber: 0 | BytePositionInLine: 13.\"}\n"), "checked with the app's source-generated JSON context");
        Assert.That(await mismatch.WaitForExitAsync(), Is.EqualTo(1));
        Assert.That(mismatch.Stderr, Does.Contain("The result does not match --test-output.\n  expected: {\"output\": {\"message\": \"inferred b\", \"length\": 1}}\n  actual:   {\"output\":{\"message\":\"inferred a\",\"length\":1}}"));
        Assert.That(await match.WaitForExitAsync(), Is.EqualTo(0), match.Stderr);
        Assert.That(match.Stderr, Does.Contain("The result matches --test-output."));
    }

    [Test]
    public async Task Local_test_mode_reads_test_input_json_from_the_working_directory()
    {
        var directory = Directory.CreateTempSubdirectory("flash-test-input-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "test_input.json"), """{"input": {"data": {"text": "from a file"}}}""");
            using var worker = WorkerProcess.Start(["--endpoint", "persistent-storage"], workingDirectory: directory.FullName);

            Assert.That(await worker.WaitForExitAsync(), Is.EqualTo(0), worker.Stderr);
            Assert.That(worker.Stdout, Is.EqualTo("{\"output\":{\"message\":\"persisted from a file to /runpod-volume/\",\"length\":11}}\n"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Endpoint_choice_errors_list_the_endpoints_and_help_documents_every_mode()
    {
        using var unknown = WorkerProcess.Start([], new Dictionary<string, string?> { ["FLASH_RESOURCE_NAME"] = "nope" });
        using var missing = WorkerProcess.Start(["--test-input", "{}"]);
        using var noSource = WorkerProcess.Start(["--endpoint", "global-inference"]);
        using var badArgument = WorkerProcess.Start(["--endpoint", "global-inference", "--port", "99999"]);
        using var help = WorkerProcess.Start(["--help"]);

        const string endpoints = "This app has: global-inference, inference-api, large-temp-storage, persistent-storage, word-stream.";
        Assert.That(await unknown.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(unknown.Stderr, Is.EqualTo($"Unknown endpoint 'nope'. {endpoints}\n"));
        Assert.That(await missing.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(missing.Stderr, Is.EqualTo($"No endpoint chosen: set FLASH_RESOURCE_NAME or pass --endpoint NAME. {endpoints}\n"));
        Assert.That(await noSource.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(noSource.Stderr, Does.StartWith("Endpoint 'global-inference' has no job source: RunPod sets RUNPOD_WEBHOOK_GET_JOB;"));
        Assert.That(await badArgument.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(badArgument.Stderr, Is.EqualTo("The port '99999' is not a number from 1 to 65535. Run with --help for the options.\n"));
        Assert.That(await help.WaitForExitAsync(), Is.EqualTo(0));
        foreach (var expected in new[] { "queue worker", "load-balanced", "local test", "dev server", "--test-output", "serve", "FLASH_RESOURCE_NAME", "RUNPOD_WEBHOOK_GET_JOB", "PORT_HEALTH", "FLASH_SHUTDOWN_GRACE_MS" })
        {
            Assert.That(help.Stdout, Does.Contain(expected));
        }

        Assert.That(help.Stdout, Does.Contain("  inference-api                load-balanced: POST /generate, GET /models"));
        Assert.That(help.Stdout, Does.Contain("  word-stream                  queue-based: Words"));
    }

    [TestCase("RUNPOD_WEBHOOK_GET_JOB", "…", "large-temp-storage", "RUNPOD_WEBHOOK_GET_JOB is '…', which is not an http:// or https:// URL.")]
    [TestCase("RUNPOD_WEBHOOK_GET_JOB", "file:///etc/passwd", "large-temp-storage", "RUNPOD_WEBHOOK_GET_JOB is 'file:///etc/passwd', which is not an http:// or https:// URL.")]
    [TestCase("PORT", "abc", "inference-api", "PORT is 'abc', which is not a port number from 1 to 65535.")]
    [TestCase("PORT_HEALTH", "99999", "inference-api", "PORT_HEALTH is '99999', which is not a port number from 1 to 65535.")]
    [TestCase("FLASH_RESULT_ATTEMPTS", "many", "large-temp-storage", "FLASH_RESULT_ATTEMPTS is 'many', which is not a whole number from 1 to 100.")]
    public async Task A_bad_setting_stops_the_worker_with_one_line_and_exit_code_2(string name, string value, string endpoint, string line)
    {
        using var worker = WorkerProcess.Start([], new Dictionary<string, string?> { ["FLASH_RESOURCE_NAME"] = endpoint, [name] = value });

        Assert.That(await worker.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(worker.Stderr, Is.EqualTo(line + "\n"), "one line, no stack trace");
        Assert.That(worker.Stdout, Is.Empty);
    }

    [Test]
    public async Task A_test_input_that_is_neither_json_nor_an_existing_file_says_the_file_does_not_exist()
    {
        var directory = Directory.CreateTempSubdirectory("flash-no-file-");
        try
        {
            using var worker = WorkerProcess.Start(["--endpoint", "large-temp-storage", "--test-input", "nofile.json"], workingDirectory: directory.FullName);

            Assert.That(await worker.WaitForExitAsync(), Is.EqualTo(2));
            Assert.That(worker.Stderr, Is.EqualTo(
                $"--test-input: the file 'nofile.json' does not exist (looked in {directory.FullName}), and the value is not JSON text either. " +
                "Give the job as JSON ('{\"input\": {…}}') or the path of a file that holds it.\n"));
            Assert.That(worker.Stdout, Is.Empty);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task The_dev_server_speaks_runpods_endpoint_api_on_loopback()
    {
        var port = WorkerProcess.FreePort();
        using var server = WorkerProcess.Start(["--endpoint", "large-temp-storage", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(await server.WaitForLogAsync("Dev server for endpoint 'large-temp-storage' listening on"), Does.EndWith($"listening on http://127.0.0.1:{port}"));
        var baseUrl = $"http://127.0.0.1:{port}";

        var sync = await PostJsonAsync($"{baseUrl}/runsync", """{"input": {"data": {"text": "abc"}}}""");
        var queued = await PostJsonAsync($"{baseUrl}/v2/my-endpoint/run", """{"input": {"data": {"text": "later"}}}""");
        var id = queued.Json!["id"]!.GetValue<string>();
        JsonNode? status;
        do
        {
            status = JsonNode.Parse(await Http.GetStringAsync($"{baseUrl}/status/{id}"));
        }
        while (status!["status"]!.GetValue<string>() is "IN_QUEUE" or "IN_PROGRESS");
        var failed = await PostJsonAsync($"{baseUrl}/runsync", """{"input": {}}""");
        var notJson = await PostJsonAsync($"{baseUrl}/run", "not json");
        var noInput = await PostJsonAsync($"{baseUrl}/run", """{"data": 1}""");
        var unknown = await Http.GetAsync($"{baseUrl}/status/nope");
        var health = JsonNode.Parse(await Http.GetStringAsync($"{baseUrl}/health"))!;

        Assert.That(sync.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sync.Json!["status"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
        Assert.That(sync.Json["id"]!.GetValue<string>(), Does.StartWith("sync-"));
        Assert.That(sync.Json["output"]!.ToJsonString(), Is.EqualTo("""{"message":"processed abc","length":3}"""));
        Assert.That(sync.Json["executionTime"], Is.Not.Null);
        Assert.That(queued.Json!["status"]!.GetValue<string>(), Is.EqualTo("IN_QUEUE"));
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
        Assert.That(status["output"]!["message"]!.GetValue<string>(), Is.EqualTo("processed later"));
        Assert.That(failed.Json!["status"]!.GetValue<string>(), Is.EqualTo("FAILED"));
        Assert.That(failed.Json["error"]!.GetValue<string>(), Is.EqualTo("The input has no 'data': this endpoint needs {\"input\": {\"data\": <Request>, …}}."));
        Assert.That(notJson.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(notJson.Json!["error"]!.GetValue<string>(), Does.StartWith("The request body is not valid JSON: "));
        Assert.That(noInput.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noInput.Json!["error"]!.GetValue<string>(), Is.EqualTo("The request body must be {\"input\": {…}}."));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(health["jobs"]!["completed"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(health["jobs"]!["failed"]!.GetValue<int>(), Is.EqualTo(1));

        server.Terminate();
        Assert.That(await server.WaitForExitAsync(), Is.EqualTo(0), server.Stderr);
    }

    [Test]
    public async Task The_load_balanced_endpoint_serves_its_routes_and_ping_on_the_health_port()
    {
        var port = WorkerProcess.FreePort();
        var health = WorkerProcess.FreePort();
        using var server = WorkerProcess.Start([], new Dictionary<string, string?>
        {
            ["FLASH_RESOURCE_NAME"] = "inference-api",
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PORT_HEALTH"] = health.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await server.WaitForLogAsync("Endpoint 'inference-api' is ready.");
        var baseUrl = $"http://127.0.0.1:{port}";

        var ping = await Http.GetAsync($"http://127.0.0.1:{health}/ping");
        var pingOnMain = await Http.GetAsync($"{baseUrl}/ping");
        var routeOnHealth = await Http.GetAsync($"http://127.0.0.1:{health}/models");
        var generated = await PostJsonAsync($"{baseUrl}/generate", """{"prompt": "Once upon a time"}""");
        var models = await Http.GetStringAsync($"{baseUrl}/models");
        var missing = await PostJsonAsync($"{baseUrl}/generate", "{}");
        var wrongType = await PostJsonAsync($"{baseUrl}/generate", """{"prompt": {"text": 1}}""");
        var notJson = await PostJsonAsync($"{baseUrl}/generate", "prompt=hi");
        var notObject = await PostJsonAsync($"{baseUrl}/generate", "[1]");

        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(pingOnMain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "/ping lives on PORT_HEALTH");
        Assert.That(await pingOnMain.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":"No route of endpoint 'inference-api' matches GET /ping. Its routes: POST /generate, GET /models."}"""));
        Assert.That(routeOnHealth.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the routes live on PORT only");
        Assert.That(await routeOnHealth.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""{"error":"Port {{health}} is the health port: it answers GET /ping only. The routes are served on PORT."}"""));
        Assert.That(generated.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(generated.Text, Is.EqualTo("""{"text":"Once upon a time …and so on."}"""));
        Assert.That(models, Is.EqualTo("""["quickstart-small","quickstart-large"]"""));
        Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(missing.Json!["error"]!.GetValue<string>(), Is.EqualTo("The request has no 'prompt': send it in the JSON body ({\"prompt\": <String>, …}), the query string or the path."));
        Assert.That(wrongType.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(notJson.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(notObject.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(notObject.Json!["error"]!.GetValue<string>(), Is.EqualTo("The request body must be a JSON object whose keys are the parameters of Generate, not array."));
        Assert.That(server.Stderr, Does.Contain("Generating for a prompt of 16 characters"), "the injected logger works");

        server.Terminate();
        Assert.That(await server.WaitForExitAsync(), Is.EqualTo(0), server.Stderr);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> PostJsonAsync(string url, string body)
    {
        using var response = await Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }
}
