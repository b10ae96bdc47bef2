using System.Text;
#if !NET
// The generator and the analyzers (netstandard2.0) compile this file without implicit usings.
using System;
using System.Linq;
#endif

namespace Flash.Client;

/// <summary>
/// The names of the settings that say where an endpoint is, shared by the clients (which read them) and by
/// <c>flash</c> (which sets them on deployed workers and writes the state file). Compiled into both, and into the
/// generator and the analyzers, which keep these variables out of an endpoint's own Env.
/// </summary>
internal static class EndpointSettings
{
    /// <summary>The configuration section of explicit endpoint locations: <c>Flash:Endpoints:&lt;name&gt;</c>.</summary>
    public const string ConfigurationSection = "Flash:Endpoints";

    /// <summary>The prefix of the variable that holds one endpoint's id or URL.</summary>
    public const string VariablePrefix = "FLASH_ENDPOINT_";

    /// <summary>The variable and configuration key of a local RunPod that serves every endpoint by name.</summary>
    public const string DevUrlVariable = "FLASH_DEV_URL";

    /// <summary>The configuration key of <see cref="DevUrlVariable"/>.</summary>
    public const string DevUrlKey = "Flash:DevUrl";

    /// <summary>The folder, beside the app's project, where <c>flash deploy</c> records what it deployed.</summary>
    public const string StateDirectory = ".flash";

    /// <summary>The state file in <see cref="StateDirectory"/>.</summary>
    public const string StateFileName = "state.json";

    /// <summary>
    /// The variable that names a deployment environment: <c>flash deploy --env NAME</c> sets it on the workers of every
    /// environment but production, and the clients read the state file of the environment it names.
    /// </summary>
    public const string EnvironmentVariable = "FLASH_ENVIRONMENT";

    /// <summary>The configuration key of <see cref="EnvironmentVariable"/>.</summary>
    public const string EnvironmentKey = "Flash:Environment";

    /// <summary>The environment when none is named.</summary>
    public const string DefaultEnvironment = "production";

    /// <summary>
    /// Whether <paramref name="environment"/> is an environment name: lower-case letters, digits and '-', neither first
    /// nor last (so also a plain directory name).
    /// </summary>
    /// <param name="environment">The name.</param>
    /// <returns>True when it is one.</returns>
    public static bool IsEnvironmentName(string environment) =>
        environment.Length > 0 && environment[0] != '-' && environment[environment.Length - 1] != '-' &&
        environment.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>
    /// The state file of <paramref name="environment"/>, relative to the app's directory: <c>.flash/state.json</c> for
    /// production (where it was before environments existed), <c>.flash/&lt;environment&gt;/state.json</c> for the others.
    /// </summary>
    /// <param name="environment">A valid environment name.</param>
    /// <returns>The relative path, with '/' separators.</returns>
    public static string StateFileOf(string environment) =>
        environment == DefaultEnvironment ? $"{StateDirectory}/{StateFileName}" : $"{StateDirectory}/{environment}/{StateFileName}";

    /// <summary>The variable that moves the endpoints' public URLs elsewhere (the Python SDK reads it too).</summary>
    public const string EndpointBaseVariable = "RUNPOD_ENDPOINT_BASE_URL";

    /// <summary>Where RunPod serves queue-based endpoints: <c>{base}/{id}/run</c>.</summary>
    public const string RunPodEndpointBase = "https://api.runpod.ai/v2";

    /// <summary>
    /// Where a load-balanced endpoint is served under <paramref name="endpointBase"/>: a host of its own,
    /// <c>https://{id}.api.runpod.ai</c> on RunPod.
    /// </summary>
    /// <param name="endpointBase">The endpoints' base URL.</param>
    /// <param name="endpointId">The endpoint id.</param>
    /// <returns>The endpoint's base URL, without a trailing '/'.</returns>
    public static string LoadBalancedUrl(Uri endpointBase, string endpointId) => $"{endpointBase.Scheme}://{endpointId}.{endpointBase.Authority}";

    /// <summary>
    /// The variable of endpoint <paramref name="name"/>: <c>FLASH_ENDPOINT_</c> and the name upper-cased, each character
    /// other than an ASCII letter or digit written as <c>_</c> (<c>large-temp-storage</c> → <c>FLASH_ENDPOINT_LARGE_TEMP_STORAGE</c>).
    /// </summary>
    /// <param name="name">The endpoint name.</param>
    /// <returns>The variable name.</returns>
    public static string VariableOf(string name)
    {
        var text = new StringBuilder(VariablePrefix, VariablePrefix.Length + name.Length);
        foreach (var c in name)
        {
            text.Append(c is (>= 'a' and <= 'z') ? (char)(c - 'a' + 'A') : c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_');
        }

        return text.ToString();
    }
}
