using Flash.Client;
using Flash.FakeRunPod.Endpoints;

namespace Flash.Tests.Client;

/// <summary>Waiting for a job: its output, each way it can end, and the faults a wait survives.</summary>
public sealed class JobWaitTests
{
    [Test]
    public async Task A_job_is_polled_until_it_completes_and_its_output_is_typed()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Job("job-7", "IN_QUEUE"), EndpointReply.Job("job-7", "IN_PROGRESS"), EndpointReply.Job("job-7", "COMPLETED", "42"));
        var endpoint = h.Endpoint();

        var job = endpoint.Job<int>("job-7");
        var output = await job.WaitAsync();
        var status = await job.StatusAsync();

        Assert.That(output, Is.EqualTo(42));
        Assert.That(status, Is.EqualTo(new JobStatus("job-7", JobState.Completed, 12, 34)));
        Assert.That(h.Fake.RequestsOf("GET /status").Select(r => r.Target).ToList(), Has.Count.EqualTo(4).And.All.EqualTo("/v2/echo/status/job-7"));
    }

    [Test]
    public async Task A_runsync_answered_before_the_job_ends_continues_by_polling_the_status()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /runsync", EndpointReply.Job("job-3", "IN_PROGRESS"));
        h.Fake.Script("GET /status", EndpointReply.Job("job-3", "IN_PROGRESS"), EndpointReply.Job("job-3", "COMPLETED", "\"done\""));
        var endpoint = h.Endpoint();

        var output = await endpoint.RunSyncAsync<string>(endpoint.Arguments().Add("text", "hi").Add("count", 2));

        Assert.That(output, Is.EqualTo("done"));
        Assert.That(h.Fake.Requests.Select(r => r.Route), Is.EqualTo(new[] { "POST /runsync", "GET /status", "GET /status" }));
        Assert.That(h.Fake.Requests[0].Body, Is.EqualTo("{\"input\":{\"text\":\"hi\",\"count\":2}}"));
    }

    [Test]
    public async Task A_failed_job_reports_the_workers_error_type_message_and_traceback()
    {
        await using var h = await ClientHarness.StartAsync();
        var error = "{\"error_type\":\"System.InvalidOperationException\",\"error_message\":\"The model is not loaded.\",\"error_traceback\":\"at Worker.Run()\"}";
        h.Fake.Script("GET /status", EndpointReply.Job("job-9", "FAILED", errorJson: System.Text.Json.JsonSerializer.Serialize(error)));

        var e = Assert.ThrowsAsync<JobFailedException>(() => h.Endpoint().Job<int>("job-9").WaitAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "Job job-9 of endpoint 'echo' failed: System.InvalidOperationException: The model is not loaded. The worker's stack trace is in ErrorTraceback."));
        Assert.That((e.JobId, e.ErrorType, e.ErrorMessage, e.ErrorTraceback), Is.EqualTo(("job-9", "System.InvalidOperationException", "The model is not loaded.", "at Worker.Run()")));
    }

    [Test]
    public async Task A_failed_job_with_plain_error_text_reports_the_text()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Job("job-9", "FAILED", errorJson: "\"out of memory\""));

        var e = Assert.ThrowsAsync<JobFailedException>(() => h.Endpoint().Job<int>("job-9").WaitAsync());

        Assert.That(e!.Message, Is.EqualTo("Job job-9 of endpoint 'echo' failed: out of memory. See the worker's log for details."));
        Assert.That((e.ErrorType, e.ErrorMessage, e.ErrorTraceback), Is.EqualTo(((string?)null, "out of memory", (string?)null)));
    }

    [Test]
    public async Task A_timed_out_job_and_a_cancelled_job_each_have_their_exception_with_the_job_id()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Job("job-1", "TIMED_OUT"), EndpointReply.Job("job-2", "CANCELLED"));
        var endpoint = h.Endpoint();

        var timedOut = Assert.ThrowsAsync<JobTimedOutException>(() => endpoint.Job<int>("job-1").WaitAsync());
        var cancelled = Assert.ThrowsAsync<JobCancelledException>(() => endpoint.Job<int>("job-2").WaitAsync());

        Assert.That(timedOut!.Message, Is.EqualTo(
            "Job job-1 of endpoint 'echo' timed out: it ran longer than the endpoint's execution timeout. Raise the timeout, or give the job less work."));
        Assert.That(timedOut.JobId, Is.EqualTo("job-1"));
        Assert.That(cancelled!.Message, Is.EqualTo("Job job-2 of endpoint 'echo' was cancelled before it finished, so it has no output."));
        Assert.That(cancelled.JobId, Is.EqualTo("job-2"));
    }

    [Test]
    public async Task A_wait_that_outlasts_its_timeout_reports_the_last_status()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Job("job-5", "IN_PROGRESS"));

        var e = Assert.ThrowsAsync<JobWaitTimeoutException>(() => h.Endpoint().Job<int>("job-5").WaitAsync(TimeSpan.FromMilliseconds(100)));

        Assert.That(e!.Message, Does.Match(@"^Job job-5 of endpoint 'echo' had not ended after \d+(\.\d+)? s \(last status: IN_PROGRESS\)\. It still runs: wait longer, or cancel it with CancelAsync\.$"));
        Assert.That((e.JobId, e.LastStatus), Is.EqualTo(("job-5", JobState.InProgress)));
        // The deadline's timer may fire a fraction of a millisecond before the clock that measures the wait says 100 ms.
        Assert.That(e.Waited, Is.GreaterThan(TimeSpan.FromMilliseconds(90)).And.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_cancellation_between_a_poll_and_the_next_delay_is_a_cancellation_not_an_answer()
    {
        // The retry pipeline returns the answer it holds when the token is cancelled right after a poll; a wait must
        // not take that unfinished answer for the job's end (it would read IN_PROGRESS as an unknown final status).
        using var stop = new CancellationTokenSource();
        var polls = 0;

        var e = Assert.ThrowsAsync<OperationCanceledException>(() => JobPolling.UntilAsync(
            ClientHarness.Fast,
            _ =>
            {
                if (++polls == 2)
                {
                    stop.Cancel();
                }

                return Task.FromResult("IN_PROGRESS");
            },
            status => status == "COMPLETED",
            stop.Token));

        Assert.That((e!.CancellationToken, polls), Is.EqualTo((stop.Token, 2)));
    }

    [Test]
    public async Task A_wait_survives_five_failed_polls_in_a_row()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status",
            EndpointReply.Job("job-4", "IN_PROGRESS"),
            EndpointReply.Error(500, "boom"), EndpointReply.Error(429, "slow down"), EndpointReply.ConnectionReset(), EndpointReply.Error(503, "busy"), EndpointReply.ConnectionReset(),
            EndpointReply.Job("job-4", "IN_PROGRESS"),
            EndpointReply.Error(502, "bad gateway"), EndpointReply.Error(500, "boom"), EndpointReply.Error(500, "boom"), EndpointReply.Error(500, "boom"), EndpointReply.Error(500, "boom"),
            EndpointReply.Job("job-4", "COMPLETED", "7"));

        var output = await h.Endpoint().Job<int>("job-4").WaitAsync();

        Assert.That(output, Is.EqualTo(7));
        Assert.That(h.Fake.RequestsOf("GET /status"), Has.Count.EqualTo(13), "each poll sent once: the handler does not retry polls");
    }

    [Test]
    public async Task The_sixth_failed_poll_in_a_row_ends_the_wait_with_the_job_id_and_last_status()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Job("job-4", "IN_QUEUE"), EndpointReply.Error(500, "boom"));

        var e = Assert.ThrowsAsync<EndpointUnavailableException>(() => h.Endpoint().Job<int>("job-4").WaitAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "Job job-4 of endpoint 'echo' could not be followed: 6 requests for its status failed in a row (last status seen: IN_QUEUE; " +
            "last error: HTTP 500 Internal Server Error: boom). The job may still run: ask for it later with Job(\"job-4\")."));
        Assert.That((e.JobId, e.LastStatus), Is.EqualTo(("job-4", JobState.InQueue)));
        Assert.That(h.Fake.RequestsOf("GET /status"), Has.Count.EqualTo(7));
    }

    [Test]
    public async Task An_unknown_job_is_not_found_with_the_url_and_where_the_endpoint_came_from()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Error(404, "job not found"));

        var e = Assert.ThrowsAsync<EndpointNotFoundException>(() => h.Endpoint().Job<int>("job-x").WaitAsync());

        Assert.That(e!.Message, Is.EqualTo(
            $"Job job-x of endpoint 'echo' was not found at {h.Fake.UrlOf("echo")}/status/job-x (HTTP 404 Not Found: job not found). RunPod keeps a job for a limited time " +
            "after it ends: check the job id, and that the endpoint's location (variable FLASH_DEV_URL) is the endpoint that ran it."));
        Assert.That(e.Url, Is.EqualTo(new Uri(h.Fake.UrlOf("echo") + "/status/job-x")));
        Assert.That(h.Fake.Requests, Has.Count.EqualTo(1), "a 404 is not a fault to wait out");
    }

    [Test]
    public async Task Cancel_posts_to_the_jobs_cancel_url_and_returns_the_status()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /cancel", EndpointReply.Job("job 1/2", "CANCELLED"));

        var status = await h.Endpoint().Job<int>("job 1/2").CancelAsync();

        Assert.That(status.State, Is.EqualTo(JobState.Cancelled));
        Assert.That(h.Fake.Requests.Single().Target, Is.EqualTo("/v2/echo/cancel/job%201%2F2"));
    }
}
