using Flash.Cli.Commands;
using Flash.Client;

namespace Flash.Cli.RunPod;

/// <summary>
/// Where RunPod's APIs are: GraphQL at <c>{RUNPOD_API_BASE_URL}/graphql</c>, REST at <c>RUNPOD_REST_API_URL</c>, and
/// the endpoints' public URLs under <c>RUNPOD_ENDPOINT_BASE_URL</c>. The same variables as the Python SDK; tests point
/// them at a local server.
/// </summary>
/// <remarks>
/// When <c>RUNPOD_API_BASE_URL</c> points somewhere other than RunPod (a local stand-in, a proxy) and the other two are
/// not set, they follow it (<c>{base}/v1</c> and <c>{base}/v2</c>) instead of staying on RunPod: network volumes created
/// on RunPod for endpoints that live elsewhere, and printed URLs of endpoints RunPod never had, would mislead.
/// </remarks>
internal sealed record ApiSettings(Uri GraphQl, Uri Rest, Uri EndpointBase)
{
    public const string ApiBaseVariable = "RUNPOD_API_BASE_URL";
    public const string RestVariable = "RUNPOD_REST_API_URL";
    public const string EndpointBaseVariable = EndpointSettings.EndpointBaseVariable;

    public const string DefaultApiBase = "https://api.runpod.io";
    public const string DefaultRest = "https://rest.runpod.io/v1";
    public const string DefaultEndpointBase = EndpointSettings.RunPodEndpointBase;

    /// <summary>The REST path under an API base that is not RunPod's.</summary>
    public const string RestPathUnderApiBase = "/v1";

    /// <summary>The endpoint path under an API base that is not RunPod's.</summary>
    public const string EndpointPathUnderApiBase = "/v2";

    public static ApiSettings FromEnvironment(CliEnvironment env)
    {
        var apiBase = Url(env, ApiBaseVariable, DefaultApiBase);
        var elsewhere = apiBase is not null && new Uri(apiBase) != new Uri(DefaultApiBase);
        apiBase ??= DefaultApiBase;
        return new ApiSettings(
            new Uri(apiBase + "/graphql"),
            new Uri(Url(env, RestVariable, DefaultRest) ?? (elsewhere ? apiBase + RestPathUnderApiBase : DefaultRest)),
            new Uri(Url(env, EndpointBaseVariable, DefaultEndpointBase) ?? (elsewhere ? apiBase + EndpointPathUnderApiBase : DefaultEndpointBase)));
    }

    /// <summary>The URL a queue-based endpoint is called at synchronously.</summary>
    public string RunSyncUrl(string endpointId) => $"{EndpointBase.AbsoluteUri.TrimEnd('/')}/{endpointId}/runsync";

    /// <summary>The base URL of a load-balanced endpoint: <c>https://{id}.{host of the endpoint base}</c>.</summary>
    public string LoadBalancerUrl(string endpointId) => EndpointSettings.LoadBalancedUrl(EndpointBase, endpointId);

    /// <summary>The variable's URL without a trailing '/', or null when it is not set.</summary>
    private static string? Url(CliEnvironment env, string variable, string example)
    {
        var value = env.GetVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim().TrimEnd('/');
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw new FlashCliException($"{variable} must be an absolute http(s) URL, e.g. {example}; it is '{value}'.");
    }
}
