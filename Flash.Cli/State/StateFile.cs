using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flash.Cli.Commands;
using Flash.Cli.Manifest;

namespace Flash.Cli.State;

/// <summary>
/// The text of <c>.flash/state.json</c>: written by flash, but a file people can open, merge and edit. Reading checks
/// it whole before anything relies on it: valid JSON without duplicate keys, shaped like <see cref="DeployState"/> (the
/// serializer's own contract says which members are required and which may be null, so the shape is stated once, by
/// the types), and holding only values flash writes. Every problem is reported at once with its JSON path.
/// </summary>
internal static class StateFile
{
    /// <summary>How the state is written and read.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        IndentSize = 2,
        AllowDuplicateProperties = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>What to do with a state file flash cannot use, and what follows.</summary>
    public const string Recovery =
        "flash then finds its endpoints by name and template, and reuses volumes by name and datacenter.";

    private static readonly JsonDocumentOptions Document = new() { AllowDuplicateProperties = false };

    /// <summary>The state in <paramref name="text"/>; throws a <see cref="FlashCliException"/> naming every problem.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="displayPath">The file as the user sees it, for messages.</param>
    public static DeployState Parse(string text, string displayPath)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: Document);
        }
        catch (JsonException e)
        {
            throw Invalid(displayPath, [$"it is not valid JSON ({e.Message})"]);
        }

        if (root is JsonObject top && top["version"] is JsonValue version && version.TryGetValue(out int number) && number != DeployState.CurrentVersion)
        {
            throw new FlashCliException(
                $"{displayPath} has state version {number.ToString(CultureInfo.InvariantCulture)}; this flash reads version " +
                $"{DeployState.CurrentVersion.ToString(CultureInfo.InvariantCulture)}. Use the flash that wrote it, or move the file away: " +
                Recovery);
        }

        var problems = new List<string>();
        CheckShape(root, typeof(DeployState), "", problems);
        if (problems.Count > 0)
        {
            throw Invalid(displayPath, problems);
        }

        var state = root.Deserialize<DeployState>(Json)!;
        CheckValues(state, problems);
        return problems.Count > 0 ? throw Invalid(displayPath, problems) : state;
    }

    private static FlashCliException Invalid(string displayPath, IReadOnlyList<string> problems) => new(
        problems.Count == 1
            ? $"{displayPath} is not a valid flash state file: {problems[0]}. Repair it, or move it away: {Recovery}"
            : $"{displayPath} is not a valid flash state file:\n" + string.Join("\n", problems.Select(p => "  - " + p)) +
              $"\nRepair it, or move it away: {Recovery}");

    /// <summary>Walks the JSON along the serializer's contract of <paramref name="type"/>.</summary>
    private static void CheckShape(JsonNode? node, Type type, string at, List<string> problems)
    {
        if (type == typeof(string))
        {
            if (node?.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"{Where(at)}: must be a string, not {Kind(node)}");
            }

            return;
        }

        if (type == typeof(int))
        {
            if (node?.GetValueKind() != JsonValueKind.Number)
            {
                problems.Add($"{Where(at)}: must be a whole number, not {Kind(node)}");
            }
            else if (!node.AsValue().TryGetValue(out int _))
            {
                problems.Add($"{Where(at)}: must be a whole number between {int.MinValue.ToString(CultureInfo.InvariantCulture)} and {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
            }

            return;
        }

        if (type == typeof(bool))
        {
            if (node?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{Where(at)}: must be true or false, not {Kind(node)}");
            }

            return;
        }

        if (type == typeof(JsonObject))
        {
            if (node is not JsonObject)
            {
                problems.Add($"{Where(at)}: must be a JSON object, not {Kind(node)}");
            }

            return;
        }

        var info = Json.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject o:
                foreach (var property in info.Properties)
                {
                    var path = Join(at, property.Name);
                    if (!o.TryGetPropertyValue(property.Name, out var value))
                    {
                        if (property.IsRequired)
                        {
                            problems.Add($"{path}: missing");
                        }
                    }
                    else if (value is null)
                    {
                        if (!property.IsSetNullable)
                        {
                            problems.Add($"{path}: must not be null");
                        }
                    }
                    else
                    {
                        CheckShape(value, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, path, problems);
                    }
                }

                return;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                // The state's lists hold no nulls: every element is a value flash recorded.
                for (var i = 0; i < array.Count; i++)
                {
                    CheckShape(array[i], info.ElementType!, $"{at}[{i.ToString(CultureInfo.InvariantCulture)}]", problems);
                }

                return;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                foreach (var (key, value) in map)
                {
                    CheckShape(value, info.ElementType!, Join(at, key), problems);
                }

                return;
            default:
                problems.Add($"{Where(at)}: must be {(info.Kind == JsonTypeInfoKind.Enumerable ? "a JSON array" : "a JSON object")}, not {Kind(node)}");
                return;
        }
    }

    /// <summary>Values flash writes: known origins and endpoint types, non-empty ids, each volume once, flat configurations.</summary>
    private static void CheckValues(DeployState state, List<string> problems)
    {
        if (state.App is { Length: 0 })
        {
            problems.Add("app: must not be empty");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.Volumes.Count; i++)
        {
            var volume = state.Volumes[i];
            var at = $"volumes[{i.ToString(CultureInfo.InvariantCulture)}]";
            NotEmpty(volume.Key, at + ".key", problems);
            NotEmpty(volume.Id, at + ".id", problems);
            OneOf(volume.Origin, at + ".origin", [Origins.Created, Origins.Existing], problems);
            if (volume.Key.Length > 0 && !keys.Add(volume.Key))
            {
                problems.Add($"{at}.key: the volume '{Printable.Of(volume.Key)}' is recorded more than once");
            }
        }

        foreach (var (name, endpoint) in state.Endpoints)
        {
            var at = Join("endpoints", name);
            NotEmpty(endpoint.Id, at + ".id", problems);
            NotEmpty(endpoint.TemplateId, at + ".templateId", problems);
            NotEmpty(endpoint.ConfigHash, at + ".configHash", problems);
            OneOf(endpoint.Type, at + ".type", [ManifestValues.QueueBased, ManifestValues.LoadBalanced], problems);
            OneOf(endpoint.Origin, at + ".origin", [Origins.Created, Origins.Adopted], problems);
            foreach (var (field, value) in endpoint.Config)
            {
                if (value is not (null or JsonValue))
                {
                    problems.Add($"{at}.config.{field}: must be a string, a number, true, false or null, not {Kind(value)}");
                }
            }

            for (var i = 0; i < endpoint.VolumeIds.Count; i++)
            {
                NotEmpty(endpoint.VolumeIds[i], $"{at}.volumeIds[{i.ToString(CultureInfo.InvariantCulture)}]", problems);
            }
        }
    }

    private static void NotEmpty(string value, string at, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{at}: must not be empty");
        }
    }

    private static void OneOf(string value, string at, string[] allowed, List<string> problems)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{at}: must be {string.Join(" or ", allowed.Select(a => $"\"{a}\""))}");
        }
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Where(string at) => at.Length == 0 ? "(root)" : at;

    private static string Join(string at, string name) => at.Length == 0 ? name : at + "." + Printable.Of(name);
}
