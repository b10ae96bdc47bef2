using System.Text.Json;
using Flash.Client;
using Flash.FakeRunPod.Endpoints;

namespace Flash.Tests.Client;

/// <summary>Calling a load-balanced endpoint's routes, and its health.</summary>
public sealed class RouteTests
{
    [Test]
    public async Task A_route_is_called_with_its_escaped_path_and_the_other_arguments_as_body()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("POST /items", EndpointReply.Json("{\"name\":\"a b/c\",\"count\":3}"));
        var endpoint = h.Endpoint("api", kind: EndpointKind.LoadBalanced);

        var answer = await endpoint.SendAsync<JsonElement>(HttpMethod.Post, "/items/" + Uri.EscapeDataString("a b/c"), endpoint.Arguments().Add("count", 3));

        Assert.That(answer.GetProperty("count").GetInt32(), Is.EqualTo(3));
        var request = h.Fake.Requests.Single();
        Assert.That((request.Method, request.Target, request.Body), Is.EqualTo(("POST", "/v2/api/items/a%20b%2Fc", "{\"count\":3}")));
    }

    [TestCase(422, "Unprocessable Entity", "count: must be positive", "The arguments do not fit what the endpoint expects: correct them.")]
    [TestCase(500, "Internal Server Error", "division by zero", "The endpoint failed to handle the request: see its error and the worker's log.")]
    public async Task A_route_error_gives_the_error_text_of_the_body(int status, string reason, string error, string advice)
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.Script("PUT /items", EndpointReply.Error(status, error));
        var endpoint = h.Endpoint("api", kind: EndpointKind.LoadBalanced);

        var e = Assert.ThrowsAsync<EndpointRequestException>(() => endpoint.SendAsync<int>(HttpMethod.Put, "/items/1", endpoint.Arguments().Add("count", -1)));

        Assert.That(e!.Message, Is.EqualTo($"Endpoint 'api' answered PUT /v2/api/items/1 with HTTP {status} {reason}: {error}. {advice}"));
        Assert.That((e.StatusCode, e.Body), Is.EqualTo((status, error)));
        Assert.That(h.Fake.RequestsOf("PUT /items"), Has.Count.EqualTo(1), "a route POST/PUT that reached the server is not repeated");
    }

    [Test]
    public async Task Health_returns_the_answer_as_JSON()
    {
        await using var h = await ClientHarness.StartAsync();

        var health = await h.Endpoint().HealthAsync();

        Assert.That(health.GetProperty("workers").GetProperty("idle").GetInt32(), Is.EqualTo(1));
    }
}
