namespace Flash.Client;

/// <summary>
/// How Flash clients reach RunPod: the API key, where endpoints are, and how long a call may wait. Every value is
/// optional; what is left out comes from configuration and the environment (see each property).
/// </summary>
public sealed class FlashClientOptions
{
    /// <summary>
    /// The RunPod API key. When null: <c>Flash:ApiKey</c> in configuration, else <c>RUNPOD_API_KEY</c>, else
    /// <c>api_key</c> under <c>[default]</c> in <c>~/.runpod/config.toml</c>. Never logged or written anywhere.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Explicit endpoint locations by endpoint name: a RunPod endpoint id, or an absolute http(s) base URL
    /// (<c>https://api.runpod.ai/v2/abc123</c>, a load-balanced endpoint's <c>https://abc123.api.runpod.ai</c>).
    /// Checked before configuration and <c>.flash/state.json</c>.
    /// </summary>
    public IDictionary<string, string> Endpoints { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A local RunPod (<c>flash dev</c>) that serves every endpoint by name: when set (or <c>Flash:DevUrl</c>,
    /// <c>FLASH_DEV_URL</c>), an endpoint with no explicit location is called at <c>{DevUrl}/v2/{name}</c>.
    /// </summary>
    public Uri? DevUrl { get; set; }

    /// <summary>
    /// Where queue-based endpoints are called: <c>{EndpointBaseUrl}/{id}/run</c>. When null: <c>RUNPOD_ENDPOINT_BASE_URL</c>,
    /// else <c>https://api.runpod.ai/v2</c>. A load-balanced endpoint is called at <c>https://{id}.api.runpod.ai</c>
    /// under RunPod's base, and at <c>{EndpointBaseUrl}/{id}</c> under any other.
    /// </summary>
    public Uri? EndpointBaseUrl { get; set; }

    /// <summary>
    /// The <c>.flash/state.json</c> that <c>flash deploy</c> wrote, read last to find an endpoint's id by name. When
    /// null: <c>Flash:StatePath</c>, else the nearest state file of the environment that <c>Flash:Environment</c> or
    /// <c>FLASH_ENVIRONMENT</c> names (<c>.flash/&lt;environment&gt;/state.json</c>; <c>.flash/state.json</c> for
    /// production, the default) in the current directory or a parent.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>The longest <see cref="FlashJob{T}.WaitAsync"/> waits when given no timeout; null waits until the job ends.</summary>
    public TimeSpan? DefaultWaitTimeout { get; set; }
}
