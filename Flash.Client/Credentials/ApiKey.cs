using Microsoft.Extensions.Configuration;

namespace Flash.Client;

/// <summary>The API key a client sends, and where it was found (messages name the place, never the key).</summary>
/// <param name="Value">The key, or null when none was found (flash dev needs none).</param>
/// <param name="Source">Where it came from, as messages name it.</param>
internal sealed record ApiKey(string? Value, string Source)
{
    public const string OptionsSource = "FlashClientOptions.ApiKey";
    public const string ConfigurationKey = "Flash:ApiKey";
    public const string ConfigurationSource = "configuration " + ConfigurationKey;

    /// <summary>Where a key can be put, for the message about a request sent without one.</summary>
    public const string Places = OptionsSource + ", " + ConfigurationSource + " or " + RunPodCredentials.Variable + ", or put " +
        RunPodCredentials.ConfigEntry + " in " + RunPodCredentials.ConfigFile;

    /// <summary>
    /// The first key of: <see cref="FlashClientOptions.ApiKey"/>, <c>Flash:ApiKey</c>, <c>RUNPOD_API_KEY</c>,
    /// <c>~/.runpod/config.toml</c>; checked to be sendable.
    /// </summary>
    /// <exception cref="ApiKeyException">The key found cannot be sent, or the config file cannot be read.</exception>
    public static ApiKey Find(FlashClientOptions options, IConfiguration? configuration, ClientEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return Checked(options.ApiKey, OptionsSource, "Set FlashClientOptions.ApiKey to the key exactly as the RunPod console shows it.");
        }

        if (configuration?[ConfigurationKey] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            return Checked(configured, ConfigurationSource, $"Set {ConfigurationKey} to the key exactly as the RunPod console shows it.");
        }

        if (environment.Variable(RunPodCredentials.Variable) is { } variable && !string.IsNullOrWhiteSpace(variable))
        {
            return Checked(variable, RunPodCredentials.Variable, RunPodCredentials.VariableRemedy);
        }

        var configPath = RunPodCredentials.ConfigPath(environment.HomeDirectory);
        if (File.Exists(configPath) && RunPodCredentials.FromConfig(configPath) is { } fromFile)
        {
            return Checked(fromFile, RunPodCredentials.ConfigSource, RunPodCredentials.ConfigRemedy);
        }

        return new ApiKey(null, EndpointErrors.NoKeySource);
    }

    private static ApiKey Checked(string key, string source, string remedy) =>
        new(RunPodCredentials.Checked(key.Trim(), source, remedy), source);
}
