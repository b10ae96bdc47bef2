using Flash.Cli.Cli;
using Tomlyn;
using Tomlyn.Model;

namespace Flash.Cli.RunPod;

/// <summary>
/// The RunPod API key: <c>RUNPOD_API_KEY</c>, else <c>api_key</c> in the <c>[default]</c> profile of
/// <c>~/.runpod/config.toml</c> (the file <c>runpod config</c> and the Python SDK write). The key is only ever put in
/// the Authorization header: never printed, logged, or written to a file.
/// </summary>
internal static class Credentials
{
    public const string Variable = "RUNPOD_API_KEY";

    public static string Resolve(CliEnvironment env, string? offlineHint = null)
    {
        var fromEnvironment = env.GetVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        var configPath = Path.Combine(env.HomeDirectory, ".runpod", "config.toml");
        if (File.Exists(configPath) && FromConfig(configPath) is { } fromConfig)
        {
            return fromConfig;
        }

        throw new FlashCliException(
            $"No RunPod API key: set {Variable}, or put api_key under [default] in ~/.runpod/config.toml." + (offlineHint ?? ""));
    }

    private static string? FromConfig(string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), (TomlSerializerOptions?)null)
                ?? throw new FlashCliException("~/.runpod/config.toml is empty.");
        }
        catch (TomlException)
        {
            // The parser's message may quote the file's text, which holds the key: say where, not what.
            throw new FlashCliException(
                "~/.runpod/config.toml is not valid TOML. It should hold a [default] table with api_key = \"...\".");
        }
        catch (IOException e)
        {
            throw new FlashCliException($"Cannot read ~/.runpod/config.toml: {e.Message}");
        }

        var profile = table.TryGetValue("default", out var value) && value is TomlTable defaults ? defaults : table;
        return profile.TryGetValue("api_key", out var key) && key is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }
}
