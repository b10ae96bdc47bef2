using System.Globalization;
using Flash.Cli.Commands;
using Tomlyn;
using Tomlyn.Model;

namespace Flash.Cli.RunPod;

/// <summary>
/// The RunPod API key: <c>RUNPOD_API_KEY</c>, else <c>api_key</c> in the <c>[default]</c> profile of
/// <c>~/.runpod/config.toml</c> (the file <c>runpod config</c> and the Python SDK write). The key is only ever put in
/// the Authorization header: never printed, logged, or written to a file, and no message quotes any part of it.
/// </summary>
internal static class Credentials
{
    public const string Variable = "RUNPOD_API_KEY";

    /// <summary>The config file as messages and help name it.</summary>
    public const string ConfigFile = "~/.runpod/config.toml";

    /// <summary>Where in <see cref="ConfigFile"/> the key is.</summary>
    public const string ConfigEntry = "api_key under [default]";

    /// <summary>The key, checked to be sendable; throws a <see cref="FlashCliException"/> saying where it came from and what is wrong.</summary>
    /// <param name="env">The variables and home directory.</param>
    /// <param name="offlineHint">A sentence added to the message when there is no key.</param>
    public static string Resolve(CliEnvironment env, string? offlineHint = null)
    {
        var fromEnvironment = env.GetVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Checked(fromEnvironment.Trim(), Variable, $"Set {Variable} to the key exactly as the RunPod console shows it.");
        }

        var configPath = Path.Combine(env.HomeDirectory, ".runpod", "config.toml");
        if (File.Exists(configPath) && FromConfig(configPath) is { } fromConfig)
        {
            return Checked(fromConfig, $"{ConfigFile} ({ConfigEntry})", $"Write the key there exactly as the RunPod console shows it, or set {Variable}.");
        }

        throw new FlashCliException(
            $"No RunPod API key: set {Variable}, or put {ConfigEntry} in {ConfigFile}." + (offlineHint ?? ""));
    }

    /// <summary>
    /// A key goes into an HTTP header, which holds one line of printable ASCII; a key with spaces inside was pasted
    /// together with something else. Such a key could never be sent, so it is refused before any request, naming only
    /// the position of the first bad character: never a character of the key.
    /// </summary>
    private static string Checked(string key, string source, string remedy)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var problem = key[i] switch
            {
                '\r' or '\n' => "contains a line break",
                ' ' or '\t' => "contains a space",
                < ' ' or '\u007f' => "contains a control character",
                > '\u007f' => "contains a character that cannot be sent in an HTTP header (only ASCII can)",
                _ => null,
            };
            if (problem is not null)
            {
                throw new FlashCliException(
                    $"The RunPod API key in {source} {problem} (character {(i + 1).ToString(CultureInfo.InvariantCulture)}), so it cannot be sent. {remedy}");
            }
        }

        return key;
    }

    private static string? FromConfig(string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), (TomlSerializerOptions?)null)
                ?? throw new FlashCliException($"{ConfigFile} is empty.");
        }
        catch (TomlException)
        {
            // The parser's message may quote the file's text, which holds the key: say where, not what.
            throw new FlashCliException(
                $"{ConfigFile} is not valid TOML. It should hold a [default] table with api_key = \"...\".");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException($"Cannot read {ConfigFile}: {e.Message}");
        }

        var profile = table.TryGetValue("default", out var value) && value is TomlTable defaults ? defaults : table;
        if (!profile.TryGetValue("api_key", out var key))
        {
            return null;
        }

        return key is string text
            ? string.IsNullOrWhiteSpace(text) ? null : text.Trim()
            : throw new FlashCliException(
                $"api_key in {ConfigFile} is not a string. It should read api_key = \"...\" under [default].");
    }
}
