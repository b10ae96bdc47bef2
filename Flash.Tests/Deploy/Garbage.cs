using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flash.Tests.Deploy;

/// <summary>
/// Damaged inputs made from real ones, the way files get damaged: valid JSON of the wrong shape (a value replaced,
/// removed, added, or a key renamed, anywhere in the tree), a key written twice, a file cut off, random bytes; and API
/// keys with characters no header can carry, inside TOML of every shape. Everything comes from one seeded generator,
/// so a failing case is reproduced by its seed.
/// </summary>
internal sealed partial class Garbage(Random random)
{
    private static readonly string[] Names =
    [
        "", " ", ".", "..", "../../evil \"name\"", "A", "global-inference", "Global-Inference", "inference-api", new string('n', 64),
        "tab\tname", "new\nline", "größe", "\u001b[31mred", "emoji-\ud83d\ude00", "-dash", "_under", "ok.name", "x/y",
    ];

    private static readonly string[] Images =
    [
        "", " ", "bad image name with spaces", "UPPER/case:1", "ghcr.io//app", "ghcr.io/you/app:-tag", "app@sha256:12", "app:1\n",
        "registry.example.com/quickstart:1.0", "localhost:5000/app", new string('a', 300), "ghcr.io/you/app:" + new string('t', 129),
    ];

    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => 0,
        _ => -1,
        _ => 2147483648L,
        _ => JsonNode.Parse("1e400"),
        _ => 1.5,
        _ => true,
        _ => "",
        _ => " ",
        r => Names[r.Next(Names.Length)],
        r => Images[r.Next(Images.Length)],
        _ => new string('x', 5000),
        _ => new JsonArray(),
        _ => new JsonArray((JsonNode?)null),
        _ => new JsonObject(),
        _ => new JsonObject { ["a"] = null },
        _ => new JsonArray(1, "a", new JsonObject()),
        _ => JsonNode.Parse(new string('[', 40) + new string(']', 40)),
    ];

    private readonly Random _random = random;

    public int Next(int bound) => _random.Next(bound);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A damaged copy of the JSON text <paramref name="valid"/>, with a short description of the damage.</summary>
    public (string Text, string Damage) Json(string valid)
    {
        switch (_random.Next(10))
        {
            case 0:
                var cut = _random.Next(valid.Length);
                return (valid[..cut], $"cut at {cut}");
            case 1:
                return (RandomBytes(), "random bytes");
            case 2:
                return (DuplicateKey(valid), "a key written twice");
            case 3:
                return (Pick(Values)(_random)?.ToJsonString() ?? "null", "another JSON value");
            default:
                var root = JsonNode.Parse(valid)!;
                var damage = new List<string>();
                for (var i = 0; i < 1 + _random.Next(3); i++)
                {
                    damage.Add(Mutate(ref root));
                }

                return (root?.ToJsonString(new JsonSerializerOptions { WriteIndented = _random.Next(2) == 0 }) ?? "null", string.Join("; ", damage));
        }
    }

    /// <summary>A manifest damaged where flash reads names and images, or anywhere.</summary>
    public (string Text, string Damage) Manifest(string valid)
    {
        if (_random.Next(3) > 0)
        {
            return Json(valid);
        }

        var manifest = JsonNode.Parse(valid)!.AsObject();
        var resources = manifest["resources"]!.AsObject();
        var name = Pick(resources.Select(e => e.Key).ToList());
        if (_random.Next(2) == 0)
        {
            var renamed = Pick(Names);
            var endpoint = resources[name]!;
            resources.Remove(name);
            resources[renamed] = endpoint;
            return (manifest.ToJsonString(), $"resources.{name} renamed to {JsonSerializer.Serialize(renamed)}");
        }

        var image = Pick(Images);
        resources[name]!["imageName"] = image;
        return (manifest.ToJsonString(), $"resources.{name}.imageName = {JsonSerializer.Serialize(image)}");
    }

    /// <summary>A key built around two random halves, possibly with a character no HTTP header can carry between them.</summary>
    public (string Key, string[] Secrets, string Damage) Key(string validKey)
    {
        string[] between = ["", "", "\n", "\r\n", "\t", " ", "\0", "\u007f", "é", "\ud83d\ude00", "\u2028", "\u00a0", "\"", "\\"];
        var first = Alphanumeric(12);
        var second = Alphanumeric(12);
        var middle = Pick(between);
        return _random.Next(4) switch
        {
            0 => (validKey, [validKey], "the valid key"),
            1 => (" \n" + validKey + "\n ", [validKey], "the valid key within white space"),
            2 => ("rpa_" + first + middle + second + new string('k', _random.Next(2) == 0 ? 0 : 20000), [first, second], $"a key with {JsonSerializer.Serialize(middle)} inside"),
            _ => ("rpa_" + first + middle + second, [first, second], $"a key with {JsonSerializer.Serialize(middle)} inside"),
        };
    }

    /// <summary>~/.runpod/config.toml holding <paramref name="key"/> in one of the shapes such files have, broken ones included.</summary>
    public (string Text, string Damage) Config(string key)
    {
        var basic = key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        (string, string)[] shapes =
        [
            ($"[default]\napi_key = \"{basic}\"\n", "[default] api_key, basic string"),
            ($"api_key = \"{basic}\"\n", "api_key without a profile"),
            ($"[default]\napi_key = '''{key}'''\n", "multi-line literal string"),
            ($"[default]\napi_key = \"\"\"\n{key}\n\"\"\"\n", "multi-line basic string"),
            ($"[default]\napi_key = \"{key}\"\n", "the key unescaped"),
            ($"[default]\napi_key = {key}\n", "the key without quotes"),
            ($"[default\napi_key = \"{basic}\"", "a broken table header"),
            ($"[default]\napi_key = \"{basic}\"\n[default]\napi_key = \"x\"\n", "the table twice"),
            ($"[default]\napi_key = 12345\n", "a number"),
            ($"[default]\napi_key = [\"{basic}\"]\n", "an array"),
            ($"default = \"{basic}\"\n", "default as a string"),
            ($"\ufeff[default]\napi_key = \"{basic}\"\n", "a byte order mark"),
            ($"[default]\napi_key = \"{basic}\"\n"[..(_random.Next(10) + 10)], "cut off"),
            (RandomBytes() + basic, "random bytes and the key"),
        ];
        return Pick(shapes);
    }

    private string Mutate(ref JsonNode? root)
    {
        var slots = new List<(JsonNode Parent, string Path, string? Key, int Index)>();
        Collect(root, "", slots);
        if (slots.Count == 0)
        {
            root = Pick(Values)(_random);
            return "root replaced";
        }

        var (parent, path, key, index) = Pick(slots);
        switch (_random.Next(4))
        {
            case 0:
                var value = Pick(Values)(_random);
                if (parent is JsonObject o)
                {
                    o[key!] = value;
                }
                else
                {
                    ((JsonArray)parent)[index] = value;
                }

                return $"{path} = {value?.ToJsonString() ?? "null"}";
            case 1:
                if (parent is JsonObject withKey)
                {
                    withKey.Remove(key!);
                }
                else
                {
                    ((JsonArray)parent).RemoveAt(index);
                }

                return $"{path} removed";
            case 2:
                var added = Pick(Values)(_random);
                if (parent is JsonObject target)
                {
                    target[Pick(Names) + "-added"] = added;
                }
                else
                {
                    ((JsonArray)parent).Insert(index, added);
                }

                return $"a value added beside {path}";
            default:
                var newName = Pick(Names);
                if (parent is JsonObject renaming && !renaming.ContainsKey(newName))
                {
                    var moved = renaming[key!];
                    renaming.Remove(key!);
                    renaming[newName] = moved;
                    return $"{path} renamed to {JsonSerializer.Serialize(newName)}";
                }

                return "nothing";
        }
    }

    private static void Collect(JsonNode? node, string path, List<(JsonNode, string, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    slots.Add((o, path + "." + key, key, -1));
                    Collect(value, path + "." + key, slots);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, $"{path}[{i}]", null, i));
                    Collect(a[i], $"{path}[{i}]", slots);
                }

                break;
        }
    }

    private string DuplicateKey(string valid)
    {
        var keys = PropertyName().Matches(valid);
        var at = keys[_random.Next(keys.Count)];
        return valid[..at.Index] + at.Value + " 0, " + valid[at.Index..];
    }

    private string RandomBytes()
    {
        var bytes = new byte[_random.Next(200)];
        _random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private string Alphanumeric(int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[_random.Next(alphabet.Length)]));
    }

    [GeneratedRegex("\"[A-Za-z_]+\"\\s*:")]
    private static partial Regex PropertyName();
}
