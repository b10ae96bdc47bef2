using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Flash.FakeRunPod.Management;

/// <summary>
/// A fake of RunPod's management APIs (what <c>flash deploy</c> calls) on a real Kestrel server bound to 127.0.0.1: GraphQL at <c>/graphql</c> (endpoints and
/// templates) and REST at <c>/v1/networkvolumes</c>. It keeps a <see cref="FakeAccount"/>, checks the Bearer key,
/// records every request, and can fail chosen calls.
/// </summary>
public sealed partial class FakeManagementServer : IAsyncDisposable
{
    private static readonly HashSet<string> Mutations = new(StringComparer.Ordinal)
    {
        "saveEndpoint", "saveTemplate", "deleteEndpoint", "deleteTemplate", "POST networkvolumes",
    };

    private readonly WebApplication _app;
    private readonly string? _apiKey;
    private readonly object _gate = new();
    private readonly List<RecordedManagementRequest> _requests = [];
    private readonly List<(string Operation, FailureMode Mode, int Skip)> _failures = [];

    private FakeManagementServer(WebApplication app, string? apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    /// <summary>The account behind the API.</summary>
    public FakeAccount Account { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT</c>: the value for RUNPOD_API_BASE_URL.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary><c>http://127.0.0.1:PORT/v1</c>: the value for RUNPOD_REST_API_URL.</summary>
    public string RestUrl => BaseUrl + "/v1";

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedManagementRequest> Requests { get { lock (_gate) { return [.. _requests]; } } }

    /// <summary>Starts the server on 127.0.0.1.</summary>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="apiKey">The only key accepted; null accepts any non-empty Bearer key.</param>
    public static async Task<FakeManagementServer> StartAsync(int port = 0, string? apiKey = null)
    {
        var app = Loopback.Build(port);
        var server = new FakeManagementServer(app, apiKey);
        app.Run(server.HandleAsync);
        server.BaseUrl = await Loopback.StartAsync(app).ConfigureAwait(false);
        return server;
    }

    /// <summary>Makes the next call of <paramref name="operation"/> (after <paramref name="skip"/> that succeed) fail.</summary>
    /// <param name="operation">A GraphQL root field (<c>saveEndpoint</c>, <c>myself.endpoints</c>, …) or <c>GET networkvolumes</c> / <c>POST networkvolumes</c>.</param>
    /// <param name="mode">How it fails.</param>
    /// <param name="skip">How many matching calls to let through first.</param>
    public void Fail(string operation, FailureMode mode = FailureMode.ServerError, int skip = 0)
    {
        lock (_gate)
        {
            _failures.Add((operation, mode, skip));
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Waits until the host is stopped (Ctrl+C or SIGTERM for the program).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync().ConfigureAwait(false);
        JsonNode? json = null;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
        }

        var path = request.Path.Value ?? "";
        var operation = path == "/graphql" ? RootField(json?["query"]?.GetValue<string>() ?? "") : $"{request.Method} {path.Split('/').Last()}";
        var authorization = request.Headers.Authorization.ToString();
        lock (_gate)
        {
            _requests.Add(new RecordedManagementRequest(request.Method, path, operation, authorization, body, json, Mutations.Contains(operation)));
        }

        if (!Authorized(authorization))
        {
            await Answer(context, 401, new JsonObject { ["error"] = "a valid API key is required" }).ConfigureAwait(false);
            return;
        }

        var failure = TakeFailure(operation);
        if (failure == FailureMode.ServerError)
        {
            await Answer(context, 500, new JsonObject { ["error"] = "Internal server error (injected)" }).ConfigureAwait(false);
            return;
        }

        if (failure == FailureMode.GraphQlError)
        {
            await Answer(context, 200, GraphQlError("Something went wrong (injected)")).ConfigureAwait(false);
            return;
        }

        (int Status, JsonNode Body) answer;
        try
        {
            answer = path switch
            {
                "/graphql" when request.Method == "POST" => (200, new JsonObject { ["data"] = GraphQl(operation, json?["variables"] as JsonObject ?? []) }),
                "/v1/networkvolumes" when request.Method == "GET" => (200, Account.ListVolumes()),
                "/v1/networkvolumes" when request.Method == "POST" => (200, Account.CreateVolume(json as JsonObject ?? []).ToJson()),
                _ => (404, new JsonObject { ["error"] = $"No route {request.Method} {path}" }),
            };
        }
        catch (FakeApiException e)
        {
            answer = path == "/graphql" ? (200, GraphQlError(e.Message)) : (400, new JsonObject { ["error"] = e.Message });
        }

        if (failure == FailureMode.ServerErrorAfterApplying)
        {
            answer = (500, new JsonObject { ["error"] = "Internal server error (injected, after the change was made)" });
        }

        await Answer(context, answer.Status, answer.Body).ConfigureAwait(false);
    }

    private JsonNode? GraphQl(string operation, JsonObject variables)
    {
        string Text(string name) => variables[name]?.GetValue<string>() ?? throw new FakeApiException($"variable ${name} is required");
        JsonObject Input() => variables["input"] as JsonObject ?? throw new FakeApiException("variable $input is required");
        return operation switch
        {
            "myself.endpoints" => new JsonObject { ["myself"] = new JsonObject { ["endpoints"] = Account.ListEndpoints() } },
            "myself.endpoint" => new JsonObject { ["myself"] = new JsonObject { ["endpoint"] = Account.FindEndpoint(Text("id")) } },
            "podTemplate" => new JsonObject { ["podTemplate"] = Account.GetTemplate(Text("id")) },
            "saveEndpoint" => new JsonObject { ["saveEndpoint"] = Account.SaveEndpoint(Input()) },
            "saveTemplate" => new JsonObject { ["saveTemplate"] = Account.SaveTemplate(Input()) },
            "deleteEndpoint" => Done("deleteEndpoint", () => Account.DeleteEndpoint(Text("id"))),
            "deleteTemplate" => Done("deleteTemplate", () => Account.DeleteTemplate(Text("templateName"))),
            _ => throw new FakeApiException($"Cannot query field \"{operation}\""),
        };
    }

    private static JsonObject Done(string field, Action action)
    {
        action();
        return new JsonObject { [field] = null };
    }

    private bool Authorized(string header) =>
        header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > "Bearer ".Length &&
        (_apiKey is null || header == "Bearer " + _apiKey);

    private FailureMode? TakeFailure(string operation)
    {
        lock (_gate)
        {
            var index = _failures.FindIndex(f => f.Operation == operation);
            if (index < 0)
            {
                return null;
            }

            var failure = _failures[index];
            if (failure.Skip > 0)
            {
                _failures[index] = failure with { Skip = failure.Skip - 1 };
                return null;
            }

            _failures.RemoveAt(index);
            return failure.Mode;
        }
    }

    private static JsonObject GraphQlError(string message) =>
        new() { ["errors"] = new JsonArray(new JsonObject { ["message"] = message }), ["data"] = null };

    private static Task Answer(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>The operation of a GraphQL document: its first field, or <c>myself.&lt;field&gt;</c> under myself.</summary>
    private static string RootField(string query)
    {
        var root = FirstField().Match(query).Groups[1].Value;
        return root == "myself" ? "myself." + MyselfField().Match(query).Groups[1].Value : root;
    }

    [GeneratedRegex(@"\{\s*(\w+)")]
    private static partial Regex FirstField();

    [GeneratedRegex(@"myself\s*\{\s*(\w+)")]
    private static partial Regex MyselfField();
}
