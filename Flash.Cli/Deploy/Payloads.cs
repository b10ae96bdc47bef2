using System.Text.Json.Nodes;
using Flash.Cli.Manifest;
using Flash.Manifest;
using Flash.Platform;

namespace Flash.Cli.Deploy;

/// <summary>
/// The request bodies of RunPod's deploy calls (docs/deploy.md): the same fields and values the Python Flash SDK sends for the same
/// declarations, plus what it drops (execution timeout, GPU count, FlashBoot off, the template's start script and
/// registry credentials). The manifest's typed lists become the API's strings here and only here. Key order is fixed,
/// so the payloads are stable enough to keep as golden files.
/// </summary>
internal static class Payloads
{
    /// <summary>REST <c>POST /networkvolumes</c>.</summary>
    public static JsonObject CreateVolume(NetworkVolumeDefinition volume) => new()
    {
        ["name"] = volume.Name,
        ["size"] = volume.SizeGb,
        ["dataCenterId"] = ManifestValues.DataCenterId(volume),
    };

    /// <summary>GraphQL <c>saveEndpoint</c> without an id: creates the endpoint and, from the inline template, its pod template.</summary>
    public static JsonObject CreateEndpoint(EndpointSpec spec, IReadOnlyList<string> volumeIds)
    {
        var payload = new JsonObject();
        AddEndpointFields(payload, spec);
        payload["template"] = Template(spec, spec.Env);
        AddVolumes(payload, volumeIds);
        return payload;
    }

    /// <summary>GraphQL <c>saveEndpoint</c> with the endpoint's id and its template's id: updates it in place.</summary>
    public static JsonObject UpdateEndpoint(EndpointSpec spec, IReadOnlyList<string> volumeIds, string endpointId, string templateId)
    {
        var payload = new JsonObject { ["id"] = endpointId };
        AddEndpointFields(payload, spec);
        payload["templateId"] = templateId;
        AddVolumes(payload, volumeIds);
        return payload;
    }

    /// <summary>GraphQL <c>saveTemplate</c> for the endpoint's existing template: the template of a create, with its id.</summary>
    public static JsonObject SaveTemplate(EndpointSpec spec, string templateId, IEnumerable<KeyValuePair<string, string>> env)
    {
        var payload = new JsonObject { ["id"] = templateId };
        foreach (var (key, value) in Template(spec, env))
        {
            payload[key] = value?.DeepClone();
        }

        payload["volumeInGb"] = 0;
        return payload;
    }

    /// <summary>The <c>gpuIds</c> the API takes: pools, and the pool members to leave out (GPU endpoints).</summary>
    public static string GpuIds(EndpointDefinition d) => GpuCatalog.ComputeGpuIds(d.GpuGroups, d.GpuTypes);

    /// <summary>The <c>flashBootType</c> the API takes for FlashBoot on or off.</summary>
    public static string FlashBootType(bool on) => on ? "FLASHBOOT" : "OFF";

    /// <summary>The <c>locations</c> the API takes: datacenter ids joined with commas.</summary>
    public static string Locations(EndpointDefinition d) => DataCenterCatalog.Locations(d.Locations);

    private static void AddEndpointFields(JsonObject payload, EndpointSpec spec)
    {
        var d = spec.Definition;
        payload["executionTimeoutMs"] = d.ExecutionTimeoutMs;
        if (!d.IsCpu)
        {
            payload["gpuCount"] = d.GpuCount;
        }

        payload["idleTimeout"] = d.IdleTimeoutSeconds;
        if (d.IsCpu)
        {
            payload["instanceIds"] = new JsonArray(d.InstanceTypes.Select(t => (JsonNode?)CpuCatalog.Id(t)).ToArray());
        }
        else
        {
            payload["minCudaVersion"] = d.MinCudaVersion is { } cuda ? CudaCatalog.Id(cuda) : null;
        }

        payload["locations"] = Locations(d);
        payload["name"] = spec.RemoteName;
        payload["scalerType"] = ScalerCatalog.Id(d.ScalerType);
        payload["scalerValue"] = d.ScalerValue;
        payload["type"] = spec.Type;
        payload["workersMin"] = d.WorkersMin;
        payload["workersMax"] = d.WorkersMax;
        if (!d.IsCpu)
        {
            payload["allowedCudaVersions"] = "";
            payload["gpuIds"] = GpuIds(d);
        }

        payload["flashBootType"] = FlashBootType(d.FlashBoot);
    }

    /// <summary>The pod template: sent inline when the endpoint is created, and with saveTemplate when it changes.</summary>
    private static JsonObject Template(EndpointSpec spec, IEnumerable<KeyValuePair<string, string>> env)
    {
        var d = spec.Definition;
        var template = new JsonObject
        {
            ["containerDiskInGb"] = d.ContainerDiskInGb,
            ["dockerArgs"] = d.DockerArgs,
            ["env"] = EnvArray(env),
            ["imageName"] = spec.Image,
            ["name"] = spec.TemplateName,
            ["ports"] = "",
            ["startScript"] = d.StartScript,
        };
        if (d.ContainerRegistryAuthId is { } auth)
        {
            template["containerRegistryAuthId"] = auth;
        }

        return template;
    }

    /// <summary>One volume is sent as networkVolumeId, several as networkVolumeIds [{networkVolumeId}], none not at all.</summary>
    private static void AddVolumes(JsonObject payload, IReadOnlyList<string> volumeIds)
    {
        if (volumeIds.Count == 1)
        {
            payload["networkVolumeId"] = volumeIds[0];
        }
        else if (volumeIds.Count > 1)
        {
            payload["networkVolumeIds"] = new JsonArray(volumeIds.Select(id => (JsonNode?)new JsonObject { ["networkVolumeId"] = id }).ToArray());
        }
    }

    private static JsonArray EnvArray(IEnumerable<KeyValuePair<string, string>> env) =>
        new(env.Select(kv => (JsonNode?)new JsonObject { ["key"] = kv.Key, ["value"] = kv.Value }).ToArray());
}
