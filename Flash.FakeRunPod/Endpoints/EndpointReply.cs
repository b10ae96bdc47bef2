namespace Flash.FakeRunPod.Endpoints;

/// <summary>How the fake answers one request: a status and a JSON body, after an optional pause, or a dropped connection.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Delay">How long to wait before answering.</param>
/// <param name="Reset">Whether to drop the connection after reading the request instead of answering.</param>
public sealed record EndpointReply(int Status, string Body, TimeSpan Delay = default, bool Reset = false)
{
    /// <summary>200 with <paramref name="body"/>.</summary>
    public static EndpointReply Json(string body) => new(200, body);

    /// <summary>A job answer: <c>{"id", "status", "output"?, "error"?}</c>.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="status">IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED or TIMED_OUT.</param>
    /// <param name="outputJson">The output as JSON, when there is one.</param>
    /// <param name="errorJson">The error as JSON (usually a JSON string), when there is one.</param>
    public static EndpointReply Job(string id, string status, string? outputJson = null, string? errorJson = null) =>
        Json($"{{\"id\":\"{id}\",\"status\":\"{status}\"" +
             (outputJson is null ? "" : $",\"output\":{outputJson}") +
             (errorJson is null ? "" : $",\"error\":{errorJson}") +
             ",\"delayTime\":12,\"executionTime\":34}");

    /// <summary>A stream answer: the status and these parts.</summary>
    public static EndpointReply Stream(string status, params string[] partsJson) =>
        Json($"{{\"status\":\"{status}\",\"stream\":[{string.Join(",", partsJson.Select(part => $"{{\"output\":{part}}}"))}]}}");

    /// <summary>An error answer <c>{"error": message}</c>.</summary>
    public static EndpointReply Error(int status, string message) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }));

    /// <summary>Reads the request, then drops the connection without answering.</summary>
    public static EndpointReply ConnectionReset() => new(0, "", Reset: true);

    /// <summary>This answer after <paramref name="delay"/>.</summary>
    public EndpointReply After(TimeSpan delay) => this with { Delay = delay };
}
