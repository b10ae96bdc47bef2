using Flash.Cli.Cli;

namespace Flash.Cli.RunPod;

/// <summary>
/// Where RunPod's APIs are: GraphQL at <c>{RUNPOD_API_BASE_URL}/graphql</c>, REST at <c>RUNPOD_REST_API_URL</c>, and
/// the endpoints' public URLs under <c>RUNPOD_ENDPOINT_BASE_URL</c>. The same variables as the Python SDK; tests point
/// them at a local server.
/// </summary>
internal sealed record ApiSettings(Uri GraphQl, Uri Rest, Uri EndpointBase)
{
    public const string ApiBaseVariable = "RUNPOD_API_BASE_URL";
    public const string RestVariable = "RUNPOD_REST_API_URL";
    public const string EndpointBaseVariable = "RUNPOD_ENDPOINT_BASE_URL";

    public static ApiSettings FromEnvironment(CliEnvironment env) => new(
        new Uri(Url(env, ApiBaseVariable, "https://api.runpod.io") + "/graphql"),
        new Uri(Url(env, RestVariable, "https://rest.runpod.io/v1")),
        new Uri(Url(env, EndpointBaseVariable, "https://api.runpod.ai/v2")));

    /// <summary>The URL a queue-based endpoint is called at synchronously.</summary>
    public string RunSyncUrl(string endpointId) => $"{EndpointBase.AbsoluteUri.TrimEnd('/')}/{endpointId}/runsync";

    /// <summary>The base URL of a load-balanced endpoint: <c>https://{id}.{host of the endpoint base}</c>.</summary>
    public string LoadBalancerUrl(string endpointId) => $"{EndpointBase.Scheme}://{endpointId}.{EndpointBase.Authority}";

    private static string Url(CliEnvironment env, string variable, string fallback)
    {
        var value = env.GetVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        value = value.Trim().TrimEnd('/');
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw new FlashCliException($"{variable} must be an absolute http(s) URL, e.g. {fallback}; it is '{value}'.");
    }
}
