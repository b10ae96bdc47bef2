using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flash.Cli.Cli;
using Flash.Manifest;
using Flash.Platform;

namespace Flash.Cli.Manifest;

/// <summary>
/// Reads <c>flash_manifest.json</c> (format 1.0, docs/manifest.md) into an <see cref="AppManifest"/>. The build writes
/// valid manifests; a hand-edited or foreign file is checked against the platform catalog, and every problem is
/// reported at once with its JSON path, before anything is sent anywhere.
/// </summary>
internal static class ManifestReader
{
    /// <summary>The variables <c>flash deploy</c> sets on every worker itself; an endpoint's Env may not set them.</summary>
    public static readonly IReadOnlyList<string> InjectedVariables = [WorkerVariables.ResourceName, WorkerVariables.App];

    private static readonly HashSet<string> GpuIdTokens = BuildGpuIdTokens();

    private static readonly HashSet<string> InstanceIds =
        new(Enum.GetValues<CpuInstanceType>().Select(CpuCatalog.Id), StringComparer.Ordinal);

    private static readonly HashSet<string> ScalerIds =
        new(Enum.GetValues<ScalerType>().Select(ScalerCatalog.Id), StringComparer.Ordinal);

    private static readonly HashSet<string> CpuLocations =
        new(DataCenterCatalog.CpuDataCenters.Select(DataCenterCatalog.Id), StringComparer.Ordinal);

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

        var version = f.String(top, "version", "");
        if (version is not null && version != "1.0")
        {
            f.Problem($"version: '{version}' is not a manifest version this tool reads (1.0)");
        }

        var runtime = f.String(top, "runtime", "");
        if (runtime is not null && runtime != "dotnet")
        {
            f.Problem($"runtime: '{runtime}' is not a .NET manifest (expected \"dotnet\")");
        }

        var projectName = f.String(top, "project_name", "");
        if (projectName is { Length: 0 })
        {
            f.Problem("project_name: must not be empty");
        }

        var volumes = new List<NetworkVolumeDefinition>();
        if (f.Array(top, "network_volumes", "") is { } volumeArray)
        {
            for (var i = 0; i < volumeArray.Count; i++)
            {
                if (ReadVolume(volumeArray[i], $"network_volumes[{i}]", f) is { } volume)
                {
                    volumes.Add(volume);
                }
            }
        }

        var routes = top["routes"] as JsonObject;
        var endpoints = new List<ManifestEndpoint>();
        if (f.Object(top, "resources", "") is { } resources)
        {
            var seen = new Dictionary<string, string>(EndpointNames.Comparer);
            foreach (var (name, node) in resources)
            {
                CheckName(name, seen, f);
                if (ReadEndpoint(name, node, routes, f) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }
        }

        // Written by the generator from the project's ContainerRegistry/ContainerRepository/ContainerImageTag; manifests
        // of older builds have no entry, which reads as "not set".
        var container = ContainerProperties.None;
        if (top["container"] is JsonObject image)
        {
            container = new ContainerProperties(
                f.String(image, "registry", "container", nullable: true),
                f.String(image, "repository", "container", nullable: true),
                f.String(image, "tag", "container", nullable: true));
        }
        else if (top.ContainsKey("container") && top["container"] is not null)
        {
            f.Problem("container: must be a JSON object");
        }

        return projectName is null ? null : new AppManifest(projectName, endpoints, volumes, container);
    }

    private static ManifestEndpoint? ReadEndpoint(string name, JsonNode? node, JsonObject? allRoutes, Fields f)
    {
        var at = "resources." + Printable.Of(name);
        if (node is not JsonObject e)
        {
            f.Problem($"{at}: must be a JSON object");
            return null;
        }

        var type = f.String(e, "type", at);
        if (type is not null and not ("QB" or "LB"))
        {
            f.Problem($"{at}.type: '{type}' is neither QB (queue-based) nor LB (load-balanced)");
        }

        var isLb = type == "LB";
        var resourceType = f.String(e, "resource_type", at);
        if (resourceType is not null and not ("GpuEndpoint" or "CpuEndpoint"))
        {
            f.Problem($"{at}.resource_type: '{resourceType}' is neither GpuEndpoint nor CpuEndpoint");
        }

        var isCpu = resourceType == "CpuEndpoint";
        var functions = f.Array(e, "functions", at);
        var isClass = functions is [JsonObject first, ..] && first["is_class"] is JsonValue v && v.TryGetValue(out bool c) && c;

        string? gpuIds = null, minCuda = null, instanceIds = null;
        int? gpuCount = null;
        if (isCpu)
        {
            instanceIds = f.String(e, "instanceIds", at);
            if (instanceIds is not null)
            {
                CheckTokens(instanceIds, InstanceIds, $"{at}.instanceIds", "a CPU instance type id (cpu3g-1-4 …)", f);
            }
        }
        else
        {
            gpuIds = f.String(e, "gpuIds", at);
            if (gpuIds is not null)
            {
                CheckTokens(gpuIds, GpuIdTokens, $"{at}.gpuIds", "a GPU pool id or '-<GPU type id>'", f);
            }

            gpuCount = f.Int(e, "gpuCount", at, min: 1);
            minCuda = f.String(e, "minCudaVersion", at);
            if (minCuda is not null && !(CudaCatalog.TryParse(minCuda, out var cuda) && CudaCatalog.Id(cuda) == minCuda))
            {
                f.Problem($"{at}.minCudaVersion: '{minCuda}' is not a CUDA version of the catalog (11.8, 12.0 … 12.9, 13.0)");
            }
        }

        var workersMin = f.Int(e, "workersMin", at, min: 0);
        var workersMax = f.Int(e, "workersMax", at, min: 0);
        if (workersMin > workersMax)
        {
            f.Problem($"{at}: workersMin ({workersMin}) is greater than workersMax ({workersMax})");
        }

        var idleTimeout = f.Int(e, "idleTimeout", at, PlatformDefaults.IdleTimeoutMinSeconds, PlatformDefaults.IdleTimeoutMaxSeconds);
        var scalerType = f.String(e, "scalerType", at);
        if (scalerType is not null && !ScalerIds.Contains(scalerType))
        {
            f.Problem($"{at}.scalerType: '{scalerType}' is not one of {string.Join(", ", ScalerIds.Order(StringComparer.Ordinal))}");
        }
        else if (isLb && scalerType == ScalerCatalog.Id(ScalerType.QueueDelay))
        {
            f.Problem($"{at}.scalerType: a load-balanced endpoint cannot scale by {scalerType}; use {ScalerCatalog.Id(ScalerType.RequestCount)}");
        }

        var scalerValue = f.Int(e, "scalerValue", at, min: 1);
        var executionTimeoutMs = f.Int(e, "executionTimeoutMs", at, min: 0);
        var flashBoot = f.Bool(e, "flashboot", at);
        var locations = f.String(e, "locations", at);
        if (locations is not null)
        {
            CheckLocations(locations, isCpu, $"{at}.locations", f);
        }

        var env = ReadEnv(f.Object(e, "env", at), $"{at}.env", f);
        var image = f.String(e, "imageName", at, nullable: true);
        if (image is not null && ImageRule.Problem(image) is { } imageProblem)
        {
            f.Problem($"{at}.imageName: {imageProblem}");
        }

        var volumes = new List<NetworkVolumeDefinition>();
        if (f.Array(e, "networkVolumes", at) is { } volumeArray)
        {
            for (var i = 0; i < volumeArray.Count; i++)
            {
                if (ReadVolume(volumeArray[i], $"{at}.networkVolumes[{i}]", f) is { } volume)
                {
                    volumes.Add(volume);
                }
            }
        }

        int? disk = null;
        string? dockerArgs = null, startScript = null, registryAuth = null;
        if (f.Object(e, "template", at) is { } template)
        {
            disk = f.Int(template, "containerDiskInGb", at + ".template", min: 1);
            dockerArgs = f.String(template, "dockerArgs", at + ".template");
            startScript = f.String(template, "startScript", at + ".template");
            registryAuth = f.String(template, "containerRegistryAuthId", at + ".template", nullable: true);
            if (isCpu && disk is { } gb && instanceIds is not null && CpuLimit(instanceIds) is { } limit && gb > limit)
            {
                f.Problem($"{at}.template.containerDiskInGb: {gb} GB is above the {limit} GB its CPU instance types allow");
            }
        }

        int? maxConcurrency = null;
        if (!isLb && e.ContainsKey("max_concurrency"))
        {
            maxConcurrency = f.Int(e, "max_concurrency", at, min: 1);
        }

        var routes = isLb ? ReadRoutes(allRoutes, name, at, f) : [];
        if (type is null || resourceType is null || functions is null || workersMin is null || workersMax is null ||
            idleTimeout is null || scalerType is null || scalerValue is null || executionTimeoutMs is null || flashBoot is null ||
            locations is null || disk is null || (isCpu ? instanceIds is null : gpuIds is null || gpuCount is null || minCuda is null))
        {
            return null;
        }

        var definition = new EndpointDefinition
        {
            Name = name,
            Kind = isLb ? EndpointKind.LoadBalanced : isClass ? EndpointKind.QueueClass : EndpointKind.QueueFunction,
            IsCpu = isCpu,
            GpuIds = gpuIds,
            GpuCount = gpuCount,
            MinCudaVersion = minCuda,
            InstanceIds = instanceIds,
            WorkersMin = workersMin.Value,
            WorkersMax = workersMax.Value,
            IdleTimeoutSeconds = idleTimeout.Value,
            ExecutionTimeoutMs = executionTimeoutMs.Value,
            FlashBoot = flashBoot.Value,
            ScalerType = scalerType,
            ScalerValue = scalerValue.Value,
            Locations = locations,
            MaxConcurrency = maxConcurrency,
            Env = env,
            Image = image,
            ContainerDiskInGb = disk.Value,
            DockerArgs = dockerArgs,
            StartScript = startScript,
            ContainerRegistryAuthId = registryAuth,
            Volumes = volumes,
        };
        return new ManifestEndpoint(definition, routes);
    }

    /// <summary>The build's rules for endpoint names (FLASH005, FLASH007), with the analyzers' words.</summary>
    private static void CheckName(string name, Dictionary<string, string> seen, Fields f)
    {
        if (EndpointNames.Problem(name) is { } problem)
        {
            f.Problem($"resources.{Printable.Of(name)}: the endpoint name is not valid: {problem}; {EndpointNames.Rule} (FLASH005)");
        }
        else if (!seen.TryAdd(name, name))
        {
            f.Problem($"resources.{name}: the endpoint name differs only in case from '{seen[name]}'; {EndpointNames.Rule} (FLASH007)");
        }
    }

    private static List<KeyValuePair<string, string>> ReadEnv(JsonObject? env, string at, Fields f)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (env is null)
        {
            return result;
        }

        foreach (var (key, value) in env)
        {
            if (key.Length == 0 || key.Contains('='))
            {
                f.Problem($"{at}: '{key}' is not a valid environment variable name");
            }
            else if (InjectedVariables.Contains(key))
            {
                f.Problem($"{at}.{key}: flash deploy sets {key} on every worker itself; remove it from the endpoint's Env");
            }

            if (value is JsonValue v && v.TryGetValue(out string? text))
            {
                result.Add(new(key, text));
            }
            else
            {
                f.Problem($"{at}.{key}: must be a string");
            }
        }

        return result;
    }

    private static NetworkVolumeDefinition? ReadVolume(JsonNode? node, string at, Fields f)
    {
        if (node is not JsonObject v)
        {
            f.Problem($"{at}: must be a JSON object");
            return null;
        }

        var name = f.String(v, "name", at, nullable: true);
        var id = f.String(v, "id", at, nullable: true);
        var size = f.Int(v, "size", at, PlatformDefaults.VolumeSizeMinGb, PlatformDefaults.VolumeSizeMaxGb);
        var dataCenter = f.String(v, "dataCenterId", at, nullable: true);
        if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(id))
        {
            f.Problem($"{at}: a network volume needs a name or an id");
            return null;
        }

        if (dataCenter is null && id is null)
        {
            f.Problem($"{at}: the volume '{name}' has no dataCenterId (only a volume given by id may leave it out)");
        }
        else if (dataCenter is not null && !IsDataCenterId(dataCenter))
        {
            f.Problem($"{at}.dataCenterId: '{dataCenter}' is not a datacenter of the catalog");
        }

        return size is null
            ? null
            : new NetworkVolumeDefinition { Name = string.IsNullOrWhiteSpace(name) ? null : name, Id = string.IsNullOrWhiteSpace(id) ? null : id, SizeGb = size.Value, DataCenterId = dataCenter };
    }

    private static List<string> ReadRoutes(JsonObject? allRoutes, string name, string at, Fields f)
    {
        if (allRoutes?[name] is not JsonObject routes || routes.Count == 0)
        {
            f.Problem($"{at}: a load-balanced endpoint needs its routes under routes.{name}");
            return [];
        }

        return routes.Select(r => r.Key).ToList();
    }

    private static void CheckLocations(string locations, bool isCpu, string at, Fields f)
    {
        foreach (var token in locations.Split(','))
        {
            if (!IsDataCenterId(token))
            {
                f.Problem($"{at}: '{token}' is not a datacenter of the catalog");
            }
            else if (isCpu && !CpuLocations.Contains(token))
            {
                f.Problem($"{at}: CPU endpoints run only in {string.Join(", ", CpuLocations)}, not in {token}");
            }
        }
    }

    private static void CheckTokens(string joined, HashSet<string> known, string at, string what, Fields f)
    {
        if (joined.Length == 0)
        {
            f.Problem($"{at}: must not be empty");
            return;
        }

        foreach (var token in joined.Split(','))
        {
            if (!known.Contains(token))
            {
                f.Problem($"{at}: '{token}' is not {what}");
            }
        }
    }

    private static bool IsDataCenterId(string text) =>
        DataCenterCatalog.TryParse(text, out var dc) && DataCenterCatalog.Id(dc) == text;

    private static int? CpuLimit(string instanceIds)
    {
        var types = Enum.GetValues<CpuInstanceType>().ToDictionary(CpuCatalog.Id, t => t, StringComparer.Ordinal);
        var chosen = instanceIds.Split(',').Where(types.ContainsKey).Select(id => types[id]).ToList();
        return chosen.Count == 0 ? null : CpuCatalog.MaxContainerDiskGb(CpuCatalog.LimitingType(chosen));
    }

    private static HashSet<string> BuildGpuIdTokens()
    {
        var tokens = new HashSet<string>(GpuCatalog.Pools.Select(GpuCatalog.GroupId), StringComparer.Ordinal);
        tokens.UnionWith(Enum.GetValues<GpuType>().Select(t => "-" + GpuCatalog.TypeId(t)));
        return tokens;
    }

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

        public int? Int(JsonObject o, string key, string at, int min = int.MinValue, int max = int.MaxValue)
        {
            var node = Member(o, key, at, nullable: false);
            if (node is null)
            {
                return null;
            }

            if (node is not JsonValue v || !v.TryGetValue(out int i))
            {
                Problem($"{Path(at, key)}: must be an integer");
                return null;
            }

            if (i < min || i > max)
            {
                Problem($"{Path(at, key)}: {i} is outside {Range(min, max)}");
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

        private static string Path(string at, string key) => at.Length == 0 ? key : at + "." + key;

        private static string Range(int min, int max) =>
            max == int.MaxValue
                ? "the valid range (at least " + min.ToString(CultureInfo.InvariantCulture) + ")"
                : $"the valid range {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}";
    }
}
