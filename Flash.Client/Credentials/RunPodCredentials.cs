using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Flash.Client;

/// <summary>
/// Where a RunPod API key is kept outside a program (<c>RUNPOD_API_KEY</c>, <c>api_key</c> in the <c>[default]</c>
/// profile of <c>~/.runpod/config.toml</c>, the file <c>runpod config</c> and the Python SDK write) and whether a key
/// can be sent. Compiled into the clients and into <c>flash</c>, which wraps the problems in its own errors. No message
/// quotes any part of a key.
/// </summary>
internal static class RunPodCredentials
{
    public const string Variable = "RUNPOD_API_KEY";

    /// <summary>The config file as messages and help name it.</summary>
    public const string ConfigFile = "~/.runpod/config.toml";

    /// <summary>Where in <see cref="ConfigFile"/> the key is.</summary>
    public const string ConfigEntry = "api_key under [default]";

    /// <summary>The source of a key found in the config file, as messages name it.</summary>
    public const string ConfigSource = ConfigFile + " (" + ConfigEntry + ")";

    /// <summary>What to do about a bad key in <see cref="Variable"/>.</summary>
    public const string VariableRemedy = "Set " + Variable + " to the key exactly as the RunPod console shows it.";

    /// <summary>What to do about a bad key in <see cref="ConfigFile"/>.</summary>
    public const string ConfigRemedy = "Write the key there exactly as the RunPod console shows it, or set " + Variable + ".";

    /// <summary>The config file under <paramref name="homeDirectory"/>.</summary>
    public static string ConfigPath(string homeDirectory) => Path.Combine(homeDirectory, ".runpod", "config.toml");

    /// <summary>
    /// A key goes into an HTTP header, which holds one line of printable ASCII; a key with spaces inside was pasted
    /// together with something else. Such a key could never be sent, so it is refused before any request, naming only
    /// the position of the first bad character: never a character of the key.
    /// </summary>
    /// <exception cref="ApiKeyException">The key cannot be sent.</exception>
    public static string Checked(string key, string source, string remedy)
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
                throw new ApiKeyException(
                    $"The RunPod API key in {source} {problem} (character {(i + 1).ToString(CultureInfo.InvariantCulture)}), so it cannot be sent. {remedy}");
            }
        }

        return key;
    }

    /// <summary>The key in the config file at <paramref name="path"/>, or null when it holds none.</summary>
    /// <exception cref="ApiKeyException">The file cannot be read or is not shaped as expected.</exception>
    public static string? FromConfig(string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), RunPodConfigToml.Default)
                ?? throw new ApiKeyException($"{ConfigFile} is empty.");
        }
        catch (TomlException)
        {
            // The parser's message may quote the file's text, which holds the key: say where, not what.
            throw new ApiKeyException(
                $"{ConfigFile} is not valid TOML. It should hold a [default] table with api_key = \"...\".");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyException($"Cannot read {ConfigFile}: {e.Message}");
        }

        var profile = table.TryGetValue("default", out var value) && value is TomlTable defaults ? defaults : table;
        if (!profile.TryGetValue("api_key", out var key))
        {
            return null;
        }

        return key is string text
            ? string.IsNullOrWhiteSpace(text) ? null : text.Trim()
            : throw new ApiKeyException(
                $"api_key in {ConfigFile} is not a string. It should read api_key = \"...\" under [default].");
    }
}

/// <summary>A RunPod API key that cannot be used; the message says where it is and what to do, never what it is.</summary>
internal sealed class ApiKeyException(string message) : Exception(message);

/// <summary>Reads the config file as a plain table with metadata generated at build time (trimming and Native AOT safe).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class RunPodConfigToml : TomlSerializerContext;
