using Flash.Cli.Commands;
using Flash.Client;

namespace Flash.Cli.RunPod;

/// <summary>
/// The RunPod API key: <c>RUNPOD_API_KEY</c>, else <c>api_key</c> in the <c>[default]</c> profile of
/// <c>~/.runpod/config.toml</c> (the same places Flash clients read, through the same code). The key is only ever put in
/// the Authorization header: never printed, logged, or written to a file, and no message quotes any part of it.
/// </summary>
internal static class Credentials
{
    public const string Variable = RunPodCredentials.Variable;

    /// <summary>The config file as messages and help name it.</summary>
    public const string ConfigFile = RunPodCredentials.ConfigFile;

    /// <summary>Where in <see cref="ConfigFile"/> the key is.</summary>
    public const string ConfigEntry = RunPodCredentials.ConfigEntry;

    /// <summary>The key, checked to be sendable; throws a <see cref="FlashCliException"/> saying where it came from and what is wrong.</summary>
    /// <param name="env">The variables and home directory.</param>
    /// <param name="offlineHint">A sentence added to the message when there is no key.</param>
    public static string Resolve(CliEnvironment env, string? offlineHint = null)
    {
        try
        {
            var fromEnvironment = env.GetVariable(Variable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return RunPodCredentials.Checked(fromEnvironment.Trim(), Variable, RunPodCredentials.VariableRemedy);
            }

            var configPath = RunPodCredentials.ConfigPath(env.HomeDirectory);
            if (File.Exists(configPath) && RunPodCredentials.FromConfig(configPath) is { } fromConfig)
            {
                return RunPodCredentials.Checked(fromConfig, RunPodCredentials.ConfigSource, RunPodCredentials.ConfigRemedy);
            }
        }
        catch (ApiKeyException e)
        {
            throw new FlashCliException(e.Message);
        }

        throw new FlashCliException(
            $"No RunPod API key: set {Variable}, or put {ConfigEntry} in {ConfigFile}." + (offlineHint ?? ""));
    }
}
