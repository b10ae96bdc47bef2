using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flash.Cli.Commands;
using Flash.Manifest;
using Flash.Manifest.Rules;
using Flash.Platform;
using Keys = Flash.Manifest.ManifestFormat.Keys;

namespace Flash.Cli.Manifest;

/// <summary>
/// Reads <c>flash_manifest.json</c> (docs/manifest.md) into an <see cref="AppManifest"/>, field by field from the table
/// the build writes it with (<see cref="EndpointDefinition.Fields"/>). The build writes valid manifests; a hand-edited
/// or foreign file is checked, and every problem is reported at once with its JSON path, before anything is sent anywhere.
/// </summary>
internal static class ManifestReader
{
    public static AppManifest Read(string path, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlashCliException($"Cannot read the manifest {displayPath}: {e.Message}");
        }

        return Parse(text, displayPath);
    }

    /// <summary>Reads manifest text; <paramref name="displayPath"/> names it in errors.</summary>
    public static AppManifest Parse(string text, string displayPath)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new FlashCliException(
                $"The manifest {displayPath} is not valid JSON ({e.Message}). Rebuild the project (dotnet build) to write it again.");
        }

        var problems = new List<string>();
        var manifest = Parse(root, new Fields(problems));
        if (problems.Count > 0 || manifest is null)
        {
            throw new FlashCliException(
                $"The manifest {displayPath} cannot be deployed:\n" + string.Join("\n", problems.Select(p => "  - " + p)) +
                "\nRebuild the project (dotnet build) to write it again; docs/manifest.md describes the format.");
        }

        return manifest;
    }

    private static AppManifest? Parse(JsonNode? root, Fields f)
    {
        if (root is not JsonObject top)
        {
            f.Problem("(root): must be a JSON object");
            return null;
        }

        var version = f.String(top, Keys.Version, "");
        if (version is not null && version != ManifestFormat.Version)
        {
            f.Problem($"{Keys.Version}: '{Printable.Of(version)}' is not the manifest format this flash reads ({ManifestFormat.Version}); " +
                "a manifest written by another version of Flash needs a rebuild with the Flash.Runtime package that matches this tool");
            return null;
        }

        foreach (var unknown in top.Select(p => p.Key).Where(key => !ManifestFormat.Keys.All.Contains(key)))
        {
            f.Problem($"{Printable.Of(unknown)}: not a top-level field of a manifest (docs/manifest.md lists them)");
        }

        var runtime = f.String(top, Keys.Runtime, "");
        if (runtime is not null && runtime != ManifestFormat.Runtime)
        {
            f.Problem($"{Keys.Runtime}: '{Printable.Of(runtime)}' is not a .NET manifest (expected \"{ManifestFormat.Runtime}\")");
        }

        var projectName = f.String(top, Keys.ProjectName, "");
        if (projectName is { Length: 0 })
        {
            f.Problem($"{Keys.ProjectName}: must not be empty");
        }

        var volumes = ReadVolumes(f.Array(top, Keys.NetworkVolumes, ""), Keys.NetworkVolumes, f);
        var endpoints = new List<EndpointDefinition>();
        if (f.Object(top, Keys.Resources, "") is { } resources)
        {
            var seen = new Dictionary<string, string>(EndpointNames.Comparer);
            foreach (var (name, node) in resources)
            {
                if (!seen.TryAdd(name, name))
                {
                    f.Problem($"{Keys.Resources}.{Printable.Of(name)}: " + Message(ProblemId.EndpointNamesDifferInCase, Printable.Of(name), Printable.Of(seen[name])));
                }

                if (ReadEndpoint(name, node, f) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }
        }

        var container = ContainerProperties.None;
        if (f.Object(top, Keys.Container, "") is { } image)
        {
            container = new ContainerProperties(
                f.String(image, ManifestFormat.ContainerKeys.Registry, Keys.Container, nullable: true),
                f.String(image, ManifestFormat.ContainerKeys.Repository, Keys.Container, nullable: true),
                f.String(image, ManifestFormat.ContainerKeys.Tag, Keys.Container, nullable: true));
        }

        return projectName is null ? null : new AppManifest(projectName, endpoints, volumes, container);
    }

    private static EndpointDefinition? ReadEndpoint(string name, JsonNode? node, Fields f)
    {
        var at = Keys.Resources + "." + Printable.Of(name);
        if (node is not JsonObject entry)
        {
            f.Problem($"{at}: must be a JSON object");
            return null;
        }

        // The kind and the compute decide which fields belong to the entry: a CPU endpoint is one with instance types.
        var kindField = EndpointDefinition.FieldOf(nameof(EndpointDefinition.Kind));
        if (Read(kindField, entry, at, f) is not EndpointKind kind)
        {
            return null;
        }

        var isCpu = entry.ContainsKey(EndpointDefinition.FieldOf(nameof(EndpointDefinition.InstanceTypes)).Key);
        var parents = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var definition = new EndpointDefinition { Name = name };
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in EndpointDefinition.Fields)
        {
            var parent = entry;
            var parentPath = at;
            if (field.Parent is { } parentKey)
            {
                if (!parents.TryGetValue(parentKey, out parent))
                {
                    parents[parentKey] = parent = f.Object(entry, parentKey, at);
                }

                parentPath = at + "." + parentKey;
            }

            if (parent is null)
            {
                failed.Add(field.Property);
            }
            else if (!field.AppliesTo(isCpu, kind))
            {
                if (parent.ContainsKey(field.Key))
                {
                    f.Problem($"{at}.{field.Path}: {NotPartOf(field)}; remove it");
                }
            }
            else if (field.Nullable && parent.TryGetPropertyValue(field.Key, out var value) && value is null)
            {
                definition = field.With(definition, null);
            }
            else if (Read(field, parent, parentPath, f) is { } read)
            {
                definition = field.With(definition, read);
            }
            else
            {
                failed.Add(field.Property);
            }
        }

        foreach (var unknown in entry.Select(p => p.Key).Where(key => !EndpointDefinition.Fields.Any(field => (field.Parent ?? field.Key) == key)))
        {
            f.Problem($"{at}.{Printable.Of(unknown)}: not a field of an endpoint entry (docs/manifest.md lists them)");
        }

        foreach (var (parentKey, parent) in parents)
        {
            foreach (var unknown in parent?.Select(p => p.Key).Where(key => !EndpointDefinition.Fields.Any(field => field.Parent == parentKey && field.Key == key)) ?? [])
            {
                f.Problem($"{at}.{parentKey}.{Printable.Of(unknown)}: not a field of {parentKey} (docs/manifest.md lists them)");
            }
        }

        var shapeProblems = Shape(definition, isCpu, failed).ToList();
        foreach (var problem in shapeProblems)
        {
            f.Problem($"{at}.{problem}");
        }

        // The rules run on what could be read, so every problem is reported at once; a value that could not be read is
        // reported above, not again as a broken rule.
        var violations = EndpointValueRules.Check(definition, _ => true)
            .Concat(failed.Contains(nameof(EndpointDefinition.Locations)) ? [] : VolumeValueRules.Attached(definition, LocationsChosen(definition)))
            .Where(v => RuleTable.For(v.Problem).IsError && !failed.Contains(v.Property))
            .ToList();
        foreach (var violation in violations)
        {
            f.Problem($"{at}{PathOf(violation, definition)}: " + Message(violation));
        }

        return failed.Count == 0 && violations.Count == 0 && shapeProblems.Count == 0 ? definition : null;
    }

    /// <summary>
    /// Whether the endpoint's datacenters were chosen, as the build sees it: a GPU endpoint whose locations are the
    /// default list declared none, so the build let its volumes be anywhere (FLASH308 tells of a volume outside that
    /// list) and flash does the same.
    /// </summary>
    private static bool LocationsChosen(EndpointDefinition definition) =>
        definition.IsCpu || !definition.Locations.SequenceEqual(DataCenterCatalog.DefaultGpuLocations);

    /// <summary>Where in the endpoint's entry the value at fault is: the field, and the element of a list.</summary>
    private static string PathOf(Violation violation, EndpointDefinition definition)
    {
        if (violation.Property == Violation.NameProperty)
        {
            return "";
        }

        var field = EndpointDefinition.FieldOf(violation.Property);
        return violation.Element switch
        {
            string variable when field.Type == FieldType.Env => $".{field.Path}.{Printable.Of(variable)}",
            { } element when field.Get(definition) is System.Collections.IList list => $".{field.Path}[{list.IndexOf(element)}]",
            _ => "." + field.Path,
        };
    }

    /// <summary>A broken rule's message, with its ID, in the words the build uses.</summary>
    private static string Message(Violation violation) => Message(violation.Problem, violation.Arguments.Select(Printable.Of).ToArray());

    private static string Message(ProblemId problem, params string[] arguments)
    {
        var rule = RuleTable.For(problem);
        return string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, arguments) + $" ({rule.Id})";
    }

    /// <summary>What the build never writes and the rules do not cover: empty lists, functions that do not fit the kind.</summary>
    /// <param name="definition">The values read.</param>
    /// <param name="isCpu">Whether the entry has <c>instanceIds</c>, which makes it a CPU endpoint.</param>
    /// <param name="failed">The properties whose values could not be read (and were reported).</param>
    private static IEnumerable<string> Shape(EndpointDefinition definition, bool isCpu, HashSet<string> failed)
    {
        bool Read(string property) => !failed.Contains(property);
        if (Read(nameof(EndpointDefinition.Functions)) && definition.Functions.Count == 0)
        {
            yield return "functions: an endpoint needs at least one function";
        }

        foreach (var (function, i) in definition.Functions.Select((function, i) => (function, i)))
        {
            var routed = function.HttpMethod is not null && function.HttpPath is not null;
            if (definition.IsLoadBalanced != routed && (function.HttpMethod is null) == (function.HttpPath is null))
            {
                yield return $"functions[{i}]: " + (definition.IsLoadBalanced
                    ? "a load-balanced endpoint's functions are routes: give http_method and http_path"
                    : "a queue-based endpoint's functions take jobs, not routes: http_method and http_path are null");
            }
            else if ((function.HttpMethod is null) != (function.HttpPath is null))
            {
                yield return $"functions[{i}]: http_method and http_path are given together or not at all";
            }
        }

        if (Read(nameof(EndpointDefinition.Locations)) && definition.Locations.Count == 0)
        {
            yield return "locations: an endpoint runs in at least one datacenter";
        }

        if (isCpu)
        {
            if (Read(nameof(EndpointDefinition.InstanceTypes)) && definition.InstanceTypes.Count == 0)
            {
                yield return "instanceIds: a CPU endpoint lists at least one CPU instance type";
            }

            yield break;
        }

        if (!Read(nameof(EndpointDefinition.GpuGroups)) || !Read(nameof(EndpointDefinition.GpuTypes)))
        {
            yield break;
        }

        if (definition.GpuGroups.Count == 0 && definition.GpuTypes.Count == 0)
        {
            yield return "gpuGroups: a GPU endpoint needs at least one GPU group or GPU type (a CPU endpoint lists instanceIds)";
        }
    }

    private static string NotPartOf(ManifestField field) => field.Scope switch
    {
        FieldScope.Gpu => "a CPU endpoint (one with instanceIds) has no GPU settings",
        FieldScope.Cpu => "a GPU endpoint has no CPU instance types",
        _ => "a load-balanced endpoint takes no jobs from a queue, so it has no such setting",
    };

    /// <summary>The field's value as <see cref="ManifestField.With"/> takes it, or null (with a problem) when it has none.</summary>
    private static object? Read(ManifestField field, JsonObject o, string at, Fields f) => field.Type switch
    {
        FieldType.Int => f.Int(o, field.Key, at),
        FieldType.Bool => f.Bool(o, field.Key, at),
        FieldType.Text => f.String(o, field.Key, at, field.Nullable),
        FieldType.Enum => f.String(o, field.Key, at) is { } id ? Member(field.Code!, id, Path(at, field.Key), f) : null,
        FieldType.EnumList => f.Array(o, field.Key, at) is { } ids ? Members(field.Code!, ids, Path(at, field.Key), f) : null,
        FieldType.Env => f.Object(o, field.Key, at) is { } env ? ReadEnv(env, Path(at, field.Key), f) : null,
        FieldType.Volumes => ReadVolumes(f.Array(o, field.Key, at), Path(at, field.Key), f),
        _ => f.Array(o, field.Key, at) is { } functions ? ReadFunctions(functions, Path(at, field.Key), f) : null,
    };

    private static object? Member(EnumCode code, string id, string at, Fields f)
    {
        if (code.TryRead(id, out var member))
        {
            return member;
        }

        f.Problem($"{at}: '{Printable.Of(id)}' is not a {code.What} id; one of {string.Join(", ", code.Ids)}");
        return null;
    }

    private static object? Members(EnumCode code, JsonArray ids, string at, Fields f)
    {
        var members = new List<object>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is JsonValue v && v.TryGetValue(out string? id))
            {
                if (Member(code, id, $"{at}[{i}]", f) is { } member)
                {
                    members.Add(member);
                }
            }
            else
            {
                f.Problem($"{at}[{i}]: must be a string");
            }
        }

        return members.Count == ids.Count ? code.ToList(members) : null;
    }

    private static IReadOnlyList<KeyValuePair<string, string>>? ReadEnv(JsonObject env, string at, Fields f)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in env)
        {
            if (value is JsonValue v && v.TryGetValue(out string? text))
            {
                result.Add(new(key, text));
            }
            else
            {
                f.Problem($"{at}.{Printable.Of(key)}: must be a string");
            }
        }

        return result.Count == env.Count ? result : null;
    }

    private static IReadOnlyList<NetworkVolumeDefinition> ReadVolumes(JsonArray? array, string at, Fields f)
    {
        var volumes = new List<NetworkVolumeDefinition>();
        for (var i = 0; i < (array?.Count ?? 0); i++)
        {
            if (ReadVolume(array![i], $"{at}[{i}]", f) is { } volume)
            {
                volumes.Add(volume);
            }
        }

        return volumes;
    }

    private static NetworkVolumeDefinition? ReadVolume(JsonNode? node, string at, Fields f)
    {
        if (node is not JsonObject v)
        {
            f.Problem($"{at}: must be a JSON object");
            return null;
        }

        var name = f.String(v, ManifestFormat.VolumeKeys.Name, at, nullable: true);
        var id = f.String(v, ManifestFormat.VolumeKeys.Id, at, nullable: true);
        var size = f.Int(v, ManifestFormat.VolumeKeys.Size, at);
        var dataCenterId = f.String(v, ManifestFormat.VolumeKeys.DataCenter, at, nullable: true);
        var dataCenter = dataCenterId is null ? null : Member(Codes.DataCenters, dataCenterId, Path(at, ManifestFormat.VolumeKeys.DataCenter), f);
        var read = new NetworkVolumeDefinition
        {
            Name = string.IsNullOrWhiteSpace(name) ? null : name,
            Id = string.IsNullOrWhiteSpace(id) ? null : id,
            SizeGb = size ?? PlatformDefaults.VolumeSizeGb,
            DataCenter = (DataCenter?)dataCenter,
        };
        var violations = VolumeValueRules.Check(read).Where(_ => size is not null).ToList();
        foreach (var violation in violations)
        {
            var key = violation.Property == nameof(NetworkVolumeDefinition.SizeGb) ? "." + ManifestFormat.VolumeKeys.Size : "";
            f.Problem($"{at}{key}: " + Message(violation));
        }

        if (read.Label.Length == 0)
        {
            return null;
        }

        if (dataCenterId is null && id is null)
        {
            f.Problem($"{at}: the volume '{Printable.Of(name!)}' has no {ManifestFormat.VolumeKeys.DataCenter} (only a volume given by id may leave it out)");
        }

        return size is null || violations.Count > 0 || (dataCenterId is not null && dataCenter is null) ? null : read;
    }

    private static IReadOnlyList<FunctionDefinition>? ReadFunctions(JsonArray array, string at, Fields f)
    {
        var functions = new List<FunctionDefinition>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{at}[{i}]";
            if (array[i] is not JsonObject o)
            {
                f.Problem($"{path}: must be a JSON object");
                continue;
            }

            var name = f.String(o, ManifestFormat.FunctionKeys.Name, path);
            var method = f.String(o, ManifestFormat.FunctionKeys.HttpMethod, path, nullable: true);
            var route = f.String(o, ManifestFormat.FunctionKeys.HttpPath, path, nullable: true);
            if (name is not null)
            {
                functions.Add(new FunctionDefinition { Name = name, HttpMethod = method, HttpPath = route });
            }
        }

        return functions.Count == array.Count ? functions : null;
    }

    private static string Path(string at, string key) => at.Length == 0 ? key : at + "." + key;

    /// <summary>Typed reads of JSON members that record a problem (with its path) instead of throwing.</summary>
    private sealed class Fields(List<string> problems)
    {
        public void Problem(string message) => problems.Add(message);

        public string? String(JsonObject o, string key, string at, bool nullable = false)
        {
            var node = Member(o, key, at, nullable);
            if (node is JsonValue v && v.TryGetValue(out string? s))
            {
                return s;
            }

            if (node is not null)
            {
                Problem($"{Path(at, key)}: must be a string{(nullable ? " or null" : "")}");
            }

            return null;
        }

        public int? Int(JsonObject o, string key, string at)
        {
            var node = Member(o, key, at, nullable: false);
            if (node is null)
            {
                return null;
            }

            if (node is not JsonValue v || !v.TryGetValue(out int i))
            {
                Problem($"{Path(at, key)}: must be an integer from {int.MinValue.ToString(CultureInfo.InvariantCulture)} to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return i;
        }

        public bool? Bool(JsonObject o, string key, string at)
        {
            var node = Member(o, key, at, nullable: false);
            if (node is JsonValue v && v.TryGetValue(out bool b))
            {
                return b;
            }

            if (node is not null)
            {
                Problem($"{Path(at, key)}: must be true or false");
            }

            return null;
        }

        public JsonObject? Object(JsonObject o, string key, string at)
        {
            var node = Member(o, key, at, nullable: false);
            if (node is not null and not JsonObject)
            {
                Problem($"{Path(at, key)}: must be a JSON object");
            }

            return node as JsonObject;
        }

        public JsonArray? Array(JsonObject o, string key, string at)
        {
            var node = Member(o, key, at, nullable: false);
            if (node is not null and not JsonArray)
            {
                Problem($"{Path(at, key)}: must be a JSON array");
            }

            return node as JsonArray;
        }

        private JsonNode? Member(JsonObject o, string key, string at, bool nullable)
        {
            if (!o.TryGetPropertyValue(key, out var node))
            {
                Problem($"{Path(at, key)}: missing");
                return null;
            }

            if (node is null && !nullable)
            {
                Problem($"{Path(at, key)}: must not be null");
            }

            return node;
        }
    }
}
