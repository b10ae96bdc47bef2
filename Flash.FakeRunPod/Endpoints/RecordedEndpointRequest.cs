namespace Flash.FakeRunPod.Endpoints;

/// <summary>One request the fake endpoint API received, as it arrived.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request target as sent, escapes kept (<c>/v2/ep/status/job-1</c>).</param>
/// <param name="Endpoint">The endpoint name or id in the path.</param>
/// <param name="Route">The route key: method and first path segment after the endpoint (<c>POST /run</c>, <c>GET /status</c>).</param>
/// <param name="Authorization">The Authorization header, or null when none was sent.</param>
/// <param name="Body">The body as text.</param>
public sealed record RecordedEndpointRequest(string Method, string Target, string Endpoint, string Route, string? Authorization, string Body);
