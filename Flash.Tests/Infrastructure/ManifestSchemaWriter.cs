using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flash.Manifest;

namespace Flash.Tests.Infrastructure;

/// <summary>
/// Writes docs/flash-manifest.schema.json from the manifest contract: the top level of <see cref="ManifestFormat"/> and,
/// for an endpoint entry, every row of <see cref="EndpointDefinition.Fields"/> with its type, its API ids and the
/// endpoints it applies to. The schema users read therefore follows the contract the build writes and flash reads.
/// </summary>
internal static class ManifestSchemaWriter
{
    public static string Write()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://flash.dotnet/schemas/flash-manifest-{ManifestFormat.Version}.json",
            ["title"] = $"Flash for .NET deployment manifest (flash_manifest.json), version {ManifestFormat.Version}",
            ["description"] = "The deployment manifest the Flash source generator writes from an app's [Endpoint] and [NetworkVolume] declarations, and flash deploy reads. Deterministic: no timestamps, no machine paths. Describes structure and the platform catalogs; value rules (ranges, limits, datacenters) are checked by the Flash analyzers at build time and by flash before deploying.",
            ["type"] = "object",
            ["required"] = Strings(ManifestFormat.Keys.All),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                [ManifestFormat.Keys.Version] = new JsonObject { ["description"] = "The manifest format version.", ["const"] = ManifestFormat.Version },
                [ManifestFormat.Keys.Runtime] = new JsonObject { ["description"] = "The worker runtime.", ["const"] = ManifestFormat.Runtime },
                [ManifestFormat.Keys.ProjectName] = new JsonObject { ["description"] = "The app: the assembly name.", ["type"] = "string", ["minLength"] = 1 },
                [ManifestFormat.Keys.Container] = new JsonObject
                {
                    ["description"] = "The .NET SDK container properties the project sets (ContainerRegistry, ContainerRepository, ContainerImageTag), each null when not set; flash deploy runs this image for endpoints without their own imageName.",
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["required"] = Strings([ManifestFormat.ContainerKeys.Registry, ManifestFormat.ContainerKeys.Repository, ManifestFormat.ContainerKeys.Tag]),
                    ["properties"] = new JsonObject
                    {
                        [ManifestFormat.ContainerKeys.Registry] = OptionalText(),
                        [ManifestFormat.ContainerKeys.Repository] = OptionalText(),
                        [ManifestFormat.ContainerKeys.Tag] = OptionalText(),
                    },
                },
                [ManifestFormat.Keys.Resources] = new JsonObject
                {
                    ["description"] = "Every valid endpoint, keyed by endpoint name, ordered by name (ordinal).",
                    ["type"] = "object",
                    ["propertyNames"] = new JsonObject { ["minLength"] = 1 },
                    ["additionalProperties"] = new JsonObject { ["$ref"] = "#/$defs/endpoint" },
                },
                [ManifestFormat.Keys.NetworkVolumes] = new JsonObject
                {
                    ["description"] = "Every valid [NetworkVolume] of the assembly, in declaration order, including volumes no endpoint attaches.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["$ref"] = "#/$defs/volume" },
                },
                [ManifestFormat.Keys.SourceFingerprint] = new JsonObject
                {
                    ["description"] = "fnv1a64: and 16 lowercase hex digits: the FNV-1a 64-bit hash of the resources object as written.",
                    ["type"] = "string",
                    ["pattern"] = "^fnv1a64:[0-9a-f]{16}$",
                },
            },
            ["$defs"] = new JsonObject
            {
                ["endpoint"] = Endpoint(),
                ["volume"] = Volume(),
                ["function"] = Function(),
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>The start and end of the endpoint field table in docs/manifest.md, which <see cref="WithFieldTable"/> writes.</summary>
    public const string TableStart = "<!-- The table below is written from EndpointDefinition.Fields by the tests (FLASH_ACCEPT_BASELINES=1 rewrites it). -->";

    public const string TableEnd = "<!-- End of the table written from EndpointDefinition.Fields. -->";

    /// <summary><paramref name="markdown"/> with the endpoint field table between its markers written from the contract.</summary>
    public static string WithFieldTable(string markdown)
    {
        var start = markdown.IndexOf(TableStart, StringComparison.Ordinal);
        var end = markdown.IndexOf(TableEnd, StringComparison.Ordinal);
        Assert.That(start >= 0 && end > start, Is.True, "docs/manifest.md has no field table markers");
        var table = new System.Text.StringBuilder(TableStart).Append("\n\n| Field | Type | Meaning | Property |\n|---|---|---|---|\n");
        foreach (var field in EndpointDefinition.Fields)
        {
            table.Append(CultureInfo.InvariantCulture, $"| `{field.Path}` | {TypeText(field)} | {field.Description} | `{field.Property}` |\n");
        }

        return markdown[..start] + table.Append('\n') + markdown[end..];
    }

    private static string TypeText(ManifestField field) => field.Type switch
    {
        FieldType.Int => "integer",
        FieldType.Bool => "boolean",
        FieldType.Text => field.Nullable ? "string \\| null" : "string",
        FieldType.Enum => field.Code!.Ids.Count <= 4
            ? string.Join(" \\| ", field.Code.Ids.Select(id => $"`\"{id}\"`"))
            : $"`\"{field.Code.Ids[0]}\"`, `\"{field.Code.Ids[1]}\"` … `\"{field.Code.Ids[^1]}\"`",
        FieldType.EnumList => $"array of {field.Code!.What} ids (`{field.Code.Ids[0]}`, `{field.Code.Ids[1]}`, …)",
        FieldType.Env => "object: name → string",
        FieldType.Volumes => "array of [volume objects](#volume-object)",
        _ => "array of [function objects](#function-object), at least one",
    };

    private static JsonObject Endpoint()
    {
        var properties = new JsonObject();
        var parents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var field in EndpointDefinition.Fields)
        {
            var target = properties;
            if (field.Parent is { } parent)
            {
                if (!parents.TryGetValue(parent, out var parentObject))
                {
                    parentObject = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = new JsonObject() };
                    parents[parent] = parentObject;
                    properties[parent] = parentObject;
                }

                target = parentObject["properties"]!.AsObject();
            }

            target[field.Key] = Value(field);
        }

        foreach (var (parent, parentObject) in parents)
        {
            parentObject["required"] = Strings(EndpointDefinition.Fields.Where(f => f.Parent == parent).Select(f => f.Key));
        }

        var always = EndpointDefinition.Fields.Where(f => f.Scope == FieldScope.All && f.Parent is null).Select(f => f.Key).Concat(parents.Keys);
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "One endpoint, every value final (platform defaults applied). A CPU endpoint is one with instanceIds; the GPU fields belong to the others.",
            ["required"] = Strings(always),
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["allOf"] = new JsonArray(
                Scoped(FieldScope.Cpu, FieldScope.Gpu, new JsonObject { ["required"] = Strings(Keys(FieldScope.Cpu)) }),
                Scoped(FieldScope.Queue, null, new JsonObject { ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = nameof(EndpointKind.LoadBalanced) } }, ["required"] = Strings(["kind"]) }, negate: true)),
        };
    }

    /// <summary>When <paramref name="condition"/> holds, the fields of <paramref name="scope"/> are required and those of <paramref name="other"/> absent; else the reverse.</summary>
    private static JsonObject Scoped(FieldScope scope, FieldScope? other, JsonObject condition, bool negate = false)
    {
        var present = new JsonObject { ["required"] = Strings(Keys(scope)) };
        var absent = new JsonObject { ["properties"] = Forbidden(scope) };
        if (other is { } o)
        {
            present["properties"] = Forbidden(o);
            absent["required"] = Strings(Keys(o));
        }

        return new JsonObject { ["if"] = condition, ["then"] = negate ? absent : present, ["else"] = negate ? present : absent };
    }

    private static IEnumerable<string> Keys(FieldScope scope) => EndpointDefinition.Fields.Where(f => f.Scope == scope).Select(f => f.Key);

    private static JsonObject Forbidden(FieldScope scope)
    {
        var properties = new JsonObject();
        foreach (var key in Keys(scope))
        {
            properties[key] = false;
        }

        return properties;
    }

    private static JsonObject Value(ManifestField field)
    {
        var value = field.Type switch
        {
            FieldType.Int => new JsonObject { ["type"] = "integer" },
            FieldType.Bool => new JsonObject { ["type"] = "boolean" },
            FieldType.Text when field.Nullable => OptionalText(),
            FieldType.Text => new JsonObject { ["type"] = "string" },
            FieldType.Enum => new JsonObject { ["enum"] = Strings(field.Code!.Ids) },
            FieldType.EnumList => new JsonObject { ["type"] = "array", ["uniqueItems"] = true, ["items"] = new JsonObject { ["enum"] = Strings(field.Code!.Ids) } },
            FieldType.Env => new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
            FieldType.Volumes => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/$defs/volume" } },
            _ => new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["$ref"] = "#/$defs/function" } },
        };
        return Described(field.Description, value);
    }

    private static JsonObject Volume() => new()
    {
        ["type"] = "object",
        ["description"] = "A network volume: known on the platform by its id, else by (name, datacenter); mounted at /runpod-volume/ in workers.",
        ["required"] = Strings([ManifestFormat.VolumeKeys.Name, ManifestFormat.VolumeKeys.Id, ManifestFormat.VolumeKeys.Size, ManifestFormat.VolumeKeys.DataCenter]),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            [ManifestFormat.VolumeKeys.Name] = Described("The volume name; null for a volume given only by id.", OptionalText()),
            [ManifestFormat.VolumeKeys.Id] = Described("The id of an existing volume; null when not given.", OptionalText()),
            [ManifestFormat.VolumeKeys.Size] = Described("Size in GB (default 100).", new JsonObject { ["type"] = "integer" }),
            [ManifestFormat.VolumeKeys.DataCenter] = Described(
                "The datacenter that holds the volume (default EU-RO-1); null only for a volume given by id without one.",
                new JsonObject { ["enum"] = new JsonArray([.. Codes.DataCenters.Ids.Select(id => (JsonNode?)id), null]) }),
        },
    };

    private static JsonObject Function() => new()
    {
        ["type"] = "object",
        ["description"] = "A method of the endpoint that jobs or routes reach.",
        ["required"] = Strings([ManifestFormat.FunctionKeys.Name, ManifestFormat.FunctionKeys.HttpMethod, ManifestFormat.FunctionKeys.HttpPath]),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            [ManifestFormat.FunctionKeys.Name] = Described("The method name (a queue-based class endpoint's jobs choose it with \"method\").", new JsonObject { ["type"] = "string", ["minLength"] = 1 }),
            [ManifestFormat.FunctionKeys.HttpMethod] = Described("The HTTP method of a load-balanced route; null on queue-based endpoints.", new JsonObject { ["enum"] = new JsonArray("GET", "POST", "PUT", "DELETE", "PATCH", null) }),
            [ManifestFormat.FunctionKeys.HttpPath] = Described("The path of a load-balanced route, starting with '/'; null on queue-based endpoints.", new JsonObject { ["type"] = new JsonArray("string", "null"), ["pattern"] = "^/" }),
        },
    };

    private static JsonObject Described(string description, JsonObject value)
    {
        var described = new JsonObject { ["description"] = description };
        foreach (var (key, node) in value)
        {
            described[key] = node?.DeepClone();
        }

        return described;
    }

    private static JsonObject OptionalText() => new() { ["type"] = new JsonArray("string", "null"), ["minLength"] = 1 };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
