using Flash.FakeRunPod.Endpoints;

namespace Flash.Tests.Client;

/// <summary>Streaming a job's parts: in order, until the job ends, and a cancellation when the reader stops early.</summary>
public sealed class StreamTests
{
    [Test]
    public async Task Parts_are_yielded_in_order_until_the_job_completes()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.Job("job-s", "IN_QUEUE"));
        h.Fake.Script("GET /stream",
            EndpointReply.Stream("IN_QUEUE"),
            EndpointReply.Stream("IN_PROGRESS", "\"a\"", "\"b\""),
            EndpointReply.Error(500, "hiccup"),
            EndpointReply.Stream("IN_PROGRESS"),
            EndpointReply.Stream("COMPLETED", "\"c\""));
        var endpoint = h.Endpoint();

        var parts = new List<string>();
        await foreach (var part in endpoint.StreamAsync<string>(endpoint.Arguments().Add("prompt", "hi")))
        {
            parts.Add(part);
        }

        Assert.That(parts, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(h.Fake.Requests.Select(r => r.Target), Is.EqualTo(new[]
        {
            "/v2/echo/run", "/v2/echo/stream/job-s", "/v2/echo/stream/job-s", "/v2/echo/stream/job-s", "/v2/echo/stream/job-s", "/v2/echo/stream/job-s",
        }));
    }

    [Test]
    public async Task Leaving_the_stream_early_cancels_the_job()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.Job("job-s", "IN_QUEUE"));
        h.Fake.Script("GET /stream", EndpointReply.Stream("IN_PROGRESS", "1", "2"), EndpointReply.Stream("IN_PROGRESS", "3"));
        var endpoint = h.Endpoint();

        await foreach (var part in endpoint.StreamAsync<int>(endpoint.Arguments()))
        {
            if (part == 2)
            {
                break;
            }
        }

        Assert.That(h.Fake.Requests.Select(r => r.Target), Is.EqualTo(new[] { "/v2/echo/run", "/v2/echo/stream/job-s", "/v2/echo/cancel/job-s" }));
    }

    [Test]
    public async Task Cancelling_the_reader_cancels_the_job()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.Job("job-s", "IN_QUEUE"));
        h.Fake.Script("GET /stream", EndpointReply.Stream("IN_PROGRESS", "1"), EndpointReply.Stream("IN_PROGRESS"));
        var endpoint = h.Endpoint();
        using var cancellation = new CancellationTokenSource();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in endpoint.StreamAsync<int>(endpoint.Arguments(), cancellation.Token))
            {
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
        });

        Assert.That(h.Fake.Requests[^1].Target, Is.EqualTo("/v2/echo/cancel/job-s"));
    }

    [Test]
    public async Task A_stream_whose_job_failed_ends_with_the_workers_error()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.Job("job-s", "IN_QUEUE"));
        h.Fake.Script("GET /stream", EndpointReply.Stream("FAILED", "1"));
        h.Fake.Script("GET /status", EndpointReply.Job("job-s", "FAILED", errorJson: "\"disk full\""));
        var endpoint = h.Endpoint();
        var parts = new List<int>();

        var e = Assert.ThrowsAsync<Flash.Client.JobFailedException>(async () =>
        {
            await foreach (var part in endpoint.StreamAsync<int>(endpoint.Arguments()))
            {
                parts.Add(part);
            }
        });

        Assert.That(e!.Message, Is.EqualTo("Job job-s of endpoint 'echo' failed: disk full. See the worker's log for details."));
        Assert.That(parts, Is.EqualTo(new[] { 1 }));
        Assert.That(h.Fake.RequestsOf("POST /cancel"), Is.Empty, "an ended job is not cancelled");
    }
}
