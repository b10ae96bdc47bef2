using System.Net.Sockets;
using Flash.Client;
using Flash.FakeRunPod.Endpoints;

namespace Flash.Tests.Client;

/// <summary>What the fault handling repeats: never a job-creating POST that reached the server; any request never connected.</summary>
public sealed class RequestRepeatTests
{
    [Test]
    public async Task A_run_post_dropped_after_the_server_read_it_is_not_sent_again()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.ConnectionReset(), EndpointReply.Job("job-2", "IN_QUEUE"));
        var endpoint = h.Endpoint();

        var e = Assert.ThrowsAsync<EndpointUnavailableException>(() => endpoint.RunAsync<int>(endpoint.Arguments().Add("n", 1)));

        Assert.That(e!.Message, Does.StartWith($"Endpoint 'echo' could not be reached: POST {h.Fake.UrlOf("echo")}/run failed ("));
        Assert.That(e.Message, Does.EndWith(
            "). The request may have reached the endpoint, so a job may have been created; it was not sent again so that it cannot run twice. " +
            "Check the endpoint's jobs before calling again."));
        Assert.That(h.Fake.RequestsOf("POST /run"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_runsync_post_answered_with_a_server_error_is_not_sent_again()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /runsync", EndpointReply.Error(503, "no capacity"), EndpointReply.Job("job-2", "COMPLETED", "1"));
        var endpoint = h.Endpoint();

        var e = Assert.ThrowsAsync<EndpointRequestException>(() => endpoint.RunSyncAsync<int>(endpoint.Arguments()));

        Assert.That(e!.Message, Is.EqualTo(
            "Endpoint 'echo' answered POST /v2/echo/runsync with HTTP 503 Service Unavailable: no capacity. The endpoint failed to handle the request: see its error and the worker's log."));
        Assert.That((e.StatusCode, e.Body), Is.EqualTo((503, "no capacity")));
        Assert.That(h.Fake.RequestsOf("POST /runsync"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_run_post_whose_connection_was_refused_is_sent_again()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Variables["FLASH_DEV_URL"] = h.Fake.BaseUrl;
        var connects = 0;
        using var transport = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                if (Interlocked.Increment(ref connects) == 1)
                {
                    throw new SocketException((int)SocketError.ConnectionRefused);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var endpoint = h.Client(transport: transport).Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        var job = await endpoint.RunAsync<int>(endpoint.Arguments().Add("n", 1));

        Assert.That(job.Id, Is.EqualTo("job-1"));
        Assert.That(connects, Is.EqualTo(2));
        Assert.That(h.Fake.RequestsOf("POST /run"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_status_request_answered_with_a_server_error_is_retried()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("GET /status", EndpointReply.Error(500, "boom"), EndpointReply.Error(429, "slow down"), EndpointReply.Job("job-1", "IN_PROGRESS"));

        var status = await h.Endpoint().Job<int>("job-1").StatusAsync();

        Assert.That(status.State, Is.EqualTo(JobState.InProgress));
        Assert.That(h.Fake.RequestsOf("GET /status"), Has.Count.EqualTo(3));
    }

    [TestCase("/run", 10 * 1024 * 1024)]
    [TestCase("/runsync", 20 * 1024 * 1024)]
    public async Task An_input_over_the_limit_is_refused_before_anything_is_sent(string path, int limit)
    {
        await using var h = await ClientHarness.StartAsync();
        var endpoint = h.Endpoint();
        var input = endpoint.Arguments().Add("data", new string('x', limit));
        var size = limit + "{\"input\":{\"data\":\"\"}}".Length;

        var e = path == "/run"
            ? Assert.ThrowsAsync<InputTooLargeException>(() => endpoint.RunAsync<int>(input))
            : Assert.ThrowsAsync<InputTooLargeException>(() => endpoint.RunSyncAsync<int>(input));

        Assert.That(e!.Message, Is.EqualTo(
            $"The input of the call to endpoint 'echo' is {size} bytes of JSON; {path} takes at most {limit} bytes ({limit / (1024 * 1024)} MB), so nothing was sent. " +
            "Pass large data by reference (a URL, or a file on a network volume) instead."));
        Assert.That((e.Size, e.Limit), Is.EqualTo(((long)size, (long)limit)));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task An_unknown_endpoint_is_not_found_naming_the_url_and_where_it_came_from()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /run", EndpointReply.Error(404, "endpoint not found"));
        h.Variables["FLASH_ENDPOINT_ECHO"] = "missing";
        var client = h.Client(new FlashClientOptions { EndpointBaseUrl = new Uri(h.Fake.BaseUrl + "/v2") });
        var endpoint = client.Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        var e = Assert.ThrowsAsync<EndpointNotFoundException>(() => endpoint.RunAsync<int>(endpoint.Arguments()));

        Assert.That(e!.Message, Is.EqualTo(
            $"Endpoint 'echo' was not found at {h.Fake.BaseUrl}/v2/missing/run (HTTP 404 Not Found: endpoint not found). " +
            "Its location came from variable FLASH_ENDPOINT_ECHO: check it, or run `flash deploy` to create the endpoint."));
        Assert.That(e.JobId, Is.Null);
    }

    [Test]
    public async Task A_slow_answer_is_waited_for()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /runsync", EndpointReply.Job("job-1", "COMPLETED", "5").After(TimeSpan.FromMilliseconds(300)));
        var endpoint = h.Endpoint();

        var output = await endpoint.RunSyncAsync<int>(endpoint.Arguments());

        Assert.That(output, Is.EqualTo(5));
    }
}
