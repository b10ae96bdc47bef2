using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flash.Cli.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// The normalized configuration of one endpoint: a flat, ordinal-sorted map of every value that is sent for it (the
/// worker environment included), and its SHA-256. The state keeps both, so the next plan tells which fields changed,
/// and an unchanged hash means nothing is sent. Environment values are kept only as digests: the state never holds them.
/// </summary>
internal sealed class ConfigSnapshot
{
    /// <summary>Fields of the pod template; a change in one of them is sent with saveTemplate.</summary>
    public const string TemplatePrefix = "template.";

    /// <summary>Worker environment variables, one field each.</summary>
    public const string EnvPrefix = TemplatePrefix + EnvKey + ".";

    private const string EnvKey = "env";

    /// <summary>Fields whose change makes RunPod replace the workers (other changes roll out to running workers).</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "gpuIds", "template.imageName", "flashBootType", "minCudaVersion", "allowedCudaVersions", "instanceIds", "locations", "volumes",
    };

    private ConfigSnapshot(JsonObject fields)
    {
        Fields = fields;
        Hash = ComputeHash(fields);
    }

    /// <summary>The fields, sorted by name (ordinal).</summary>
    public JsonObject Fields { get; }

    /// <summary><c>sha256:</c> and the hex digest of the fields' compact JSON.</summary>
    public string Hash { get; }

    /// <summary>
    /// The fields of the endpoint's create payload (the template's under <c>template.</c>), its volumes by identity
    /// rather than by the ids the platform gave them, and a digest per environment variable.
    /// </summary>
    public static ConfigSnapshot Of(EndpointSpec spec)
    {
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["volumes"] = string.Join(",", spec.Definition.Volumes.Select(ManifestValues.VolumeKey)),
        };
        foreach (var (key, value) in Payloads.CreateEndpoint(spec, volumeIds: []))
        {
            if (value is JsonObject template)
            {
                foreach (var (templateKey, templateValue) in template.Where(t => t.Key != EnvKey))
                {
                    fields[TemplatePrefix + templateKey] = Scalar(templateValue);
                }
            }
            else
            {
                fields[key] = Scalar(value);
            }
        }

        foreach (var (key, value) in spec.Env)
        {
            fields[EnvPrefix + key] = Digest(value);
        }

        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value;
        }

        return new ConfigSnapshot(json);
    }

    /// <summary>The fields that differ between a recorded configuration and this one, by field name.</summary>
    public IReadOnlyList<FieldChange> ChangesFrom(JsonObject? recorded)
    {
        recorded = recorded is null ? new JsonObject() : Upgraded(recorded);
        var names = new SortedSet<string>(Fields.Select(f => f.Key), StringComparer.Ordinal);
        names.UnionWith(recorded.Select(f => f.Key));
        var changes = new List<FieldChange>();
        foreach (var name in names)
        {
            var before = recorded[name];
            var after = Fields[name];
            if (!JsonNode.DeepEquals(before, after) || recorded.ContainsKey(name) != Fields.ContainsKey(name))
            {
                changes.Add(new FieldChange(name, recorded.ContainsKey(name) ? before : null, Fields.ContainsKey(name) ? after : null,
                    recorded.ContainsKey(name), Fields.ContainsKey(name)));
            }
        }

        return changes;
    }

    /// <summary>
    /// A configuration recorded before the snapshot was the deploy payload, in the payload's names: FlashBoot was
    /// <c>flashboot</c> (true or false), the template's ports were not sent, and registry credentials were recorded as
    /// null when there were none. Without this, the first plan after an upgrade would show every endpoint as changed.
    /// </summary>
    private static JsonObject Upgraded(JsonObject recorded)
    {
        if (recorded["flashboot"] is not JsonValue flashBoot || !flashBoot.TryGetValue(out bool on))
        {
            return recorded;
        }

        var upgraded = recorded.DeepClone().AsObject();
        upgraded.Remove("flashboot");
        upgraded["flashBootType"] = Payloads.FlashBootType(on);
        upgraded.TryAdd(TemplatePrefix + "ports", "");
        if (upgraded.TryGetPropertyValue(TemplatePrefix + "containerRegistryAuthId", out var auth) && auth is null)
        {
            upgraded.Remove(TemplatePrefix + "containerRegistryAuthId");
        }

        return upgraded;
    }

    /// <summary>A payload value as the state keeps it: a list (CPU instance ids) as its items joined with commas.</summary>
    private static JsonNode? Scalar(JsonNode? value) =>
        value is JsonArray items ? string.Join(",", items.Select(item => item?.GetValue<string>())) : value?.DeepClone();

    public static bool IsStructural(string field) => Structural.Contains(field);

    private static string Digest(string value) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static string ComputeHash(JsonObject fields) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields.ToJsonString())));
}

/// <summary>One field that differs between the recorded and the desired configuration.</summary>
internal sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After, bool WasSet, bool IsSet)
{
    public bool IsTemplateField => Field.StartsWith(ConfigSnapshot.TemplatePrefix, StringComparison.Ordinal);

    /// <summary>For the plan: <c>workersMax 1 -> 5</c>; environment values are never shown, only that they changed.</summary>
    public string Describe()
    {
        if (Field.StartsWith(ConfigSnapshot.EnvPrefix, StringComparison.Ordinal))
        {
            var variable = "env " + Field[ConfigSnapshot.EnvPrefix.Length..];
            return !WasSet ? variable + " added" : !IsSet ? variable + " removed" : variable + " changed";
        }

        var name = IsTemplateField ? Field[ConfigSnapshot.TemplatePrefix.Length..] : Field;
        return $"{name} {Show(Before, WasSet)} -> {Show(After, IsSet)}";
    }

    private static string Show(JsonNode? value, bool set) => !set ? "(none)" : value is null ? "null" : value.ToJsonString();
}
