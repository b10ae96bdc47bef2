using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Flash.Client;

/// <summary>
/// Finds where an endpoint is, in order: explicit (an id, a URL, <see cref="FlashClientOptions.Endpoints"/>),
/// configuration <c>Flash:Endpoints:&lt;name&gt;</c>, variable <c>FLASH_ENDPOINT_&lt;NAME&gt;</c>, a local RunPod
/// (<c>flash dev</c>), and last the state file that <c>flash deploy</c> wrote for the environment that
/// <c>Flash:Environment</c> or <c>FLASH_ENVIRONMENT</c> names (<c>.flash/state.json</c> for production, the default).
/// </summary>
internal sealed class EndpointLocator(FlashClientOptions options, IConfiguration? configuration, ClientEnvironment environment)
{
    private const string StatePathKey = "Flash:StatePath";

    /// <summary>The location of <paramref name="address"/>.</summary>
    /// <exception cref="EndpointNotConfiguredException">Nothing says where the named endpoint is.</exception>
    public EndpointLocation Locate(EndpointAddress address)
    {
        if (address.Url is { } url)
        {
            return new(url.AbsoluteUri.TrimEnd('/'), "the URL the client was given");
        }

        if (address.Id is { } id)
        {
            return FromValue(id, address.Kind, "the id the client was given");
        }

        var name = address.Name!;
        var tried = new List<string> { "FlashClientOptions.Endpoints" };
        if (options.Endpoints.TryGetValue(name, out var explicitValue))
        {
            return FromValue(explicitValue, address.Kind, $"FlashClientOptions.Endpoints[\"{name}\"]");
        }

        if (configuration is not null)
        {
            var key = $"{EndpointSettings.ConfigurationSection}:{name}";
            tried.Add($"configuration {key}");
            if (configuration[key] is { Length: > 0 } configured)
            {
                return FromValue(configured, address.Kind, $"configuration {key}");
            }
        }

        var variable = EndpointSettings.VariableOf(name);
        tried.Add($"variable {variable}");
        if (environment.Variable(variable) is { Length: > 0 } fromVariable)
        {
            return FromValue(fromVariable, address.Kind, $"variable {variable}");
        }

        tried.Add(EndpointSettings.DevUrlVariable);
        if (DevUrl() is var (devUrl, devSource))
        {
            return new($"{devUrl.AbsoluteUri.TrimEnd('/')}/v2/{Uri.EscapeDataString(name)}", devSource);
        }

        var stateFile = EndpointSettings.StateFileOf(Environment());
        var (statePath, stateProblem) = StatePath(stateFile);
        if (statePath is not null && IdInState(statePath, name) is { } stateId)
        {
            return FromValue(stateId, address.Kind, $"{statePath} (endpoints.{name}.id)");
        }

        tried.Add($"{stateFile} ({stateProblem ?? $"{statePath} has no endpoint '{name}'"})");
        throw new EndpointNotConfiguredException(
            $"Endpoint '{name}' has no location. Tried: {string.Join(", ", tried)}. Run `flash deploy` in the app's project directory, " +
            $"set one of these, or start `flash dev` and set {EndpointSettings.DevUrlVariable}.",
            address.Display,
            tried);
    }

    private (Uri Url, string Source)? DevUrl()
    {
        if (options.DevUrl is { } fromOptions)
        {
            return (fromOptions, "FlashClientOptions.DevUrl");
        }

        if (configuration?[EndpointSettings.DevUrlKey] is { Length: > 0 } configured)
        {
            return (AbsoluteUrl(configured, $"configuration {EndpointSettings.DevUrlKey}"), $"configuration {EndpointSettings.DevUrlKey}");
        }

        return environment.Variable(EndpointSettings.DevUrlVariable) is { Length: > 0 } variable
            ? (AbsoluteUrl(variable, $"variable {EndpointSettings.DevUrlVariable}"), $"variable {EndpointSettings.DevUrlVariable}")
            : null;
    }

    /// <summary>The deployment environment whose state file is read: configuration, else the variable, else production.</summary>
    private string Environment()
    {
        var (value, source) = configuration?[EndpointSettings.EnvironmentKey] is { Length: > 0 } configured
            ? (configured, $"configuration {EndpointSettings.EnvironmentKey}")
            : (environment.Variable(EndpointSettings.EnvironmentVariable), $"variable {EndpointSettings.EnvironmentVariable}");
        return value is not { Length: > 0 }
            ? EndpointSettings.DefaultEnvironment
            : EndpointSettings.IsEnvironmentName(value)
                ? value
                : throw new FlashClientException(
                    $"{source} is '{value}', which is not an environment name: lower-case letters, digits and '-' (not first or last), e.g. staging.",
                    source);
    }

    private (string? Path, string? Problem) StatePath(string stateFile)
    {
        var given = options.StatePath ?? configuration?[StatePathKey];
        if (!string.IsNullOrEmpty(given))
        {
            var full = Path.GetFullPath(given, environment.CurrentDirectory);
            return File.Exists(full) ? (full, null) : (null, $"{full} does not exist");
        }

        for (var directory = new DirectoryInfo(environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.GetFullPath(stateFile, directory.FullName);
            if (File.Exists(candidate))
            {
                return (candidate, null);
            }
        }

        return (null, $"none found from {environment.CurrentDirectory} upward");
    }

    private static string? IdInState(string path, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
                && endpoints.TryGetProperty(name, out var endpoint) && endpoint.ValueKind == JsonValueKind.Object
                && endpoint.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new FlashClientException(
                $"{path} cannot be read ({e.Message}). Run `flash deploy` again to rewrite it, or say where the endpoint is another way.",
                $"endpoint '{name}'");
        }
    }

    /// <summary>An endpoint id, or an absolute http(s) URL used as it is.</summary>
    private EndpointLocation FromValue(string value, EndpointKind kind, string source)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return new(AbsoluteUrl(value, source).AbsoluteUri.TrimEnd('/'), source);
        }

        var baseUrl = options.EndpointBaseUrl?.AbsoluteUri.TrimEnd('/')
            ?? (environment.Variable(EndpointSettings.EndpointBaseVariable) is { Length: > 0 } variable
                ? AbsoluteUrl(variable, $"variable {EndpointSettings.EndpointBaseVariable}").AbsoluteUri.TrimEnd('/')
                : EndpointSettings.RunPodEndpointBase);
        var id = Uri.EscapeDataString(value.Trim());
        return kind == EndpointKind.LoadBalanced && string.Equals(baseUrl, EndpointSettings.RunPodEndpointBase, StringComparison.OrdinalIgnoreCase)
            ? new(EndpointSettings.LoadBalancedUrl(new Uri(baseUrl), id), source)
            : new($"{baseUrl}/{id}", source);
    }

    private static Uri AbsoluteUrl(string value, string source) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new FlashClientException(
                $"{source} is neither an endpoint id nor an absolute http(s) URL. Set it to the endpoint's RunPod id or its base URL.",
                source);
}
