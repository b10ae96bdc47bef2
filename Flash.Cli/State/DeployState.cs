using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flash.Cli.State;

/// <summary>
/// What <c>flash</c> deployed from this directory (<c>.flash/state.json</c>): for each resource its RunPod id, how it
/// came to be managed, and for endpoints the normalized configuration and its hash. Holds no API key and no environment
/// value (only digests of them).
/// </summary>
internal sealed class DeployState
{
    public const int CurrentVersion = 1;

    /// <summary>The state format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The app the resources belong to (the manifest's project name); null before the first deploy.</summary>
    public string? App { get; set; }

    /// <summary>
    /// Whether this environment has network volumes of its own (<c>flash deploy --env NAME --own-volumes</c>) instead of
    /// sharing the app's; written only when true, so the states of shared environments read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OwnVolumes { get; set; }

    /// <summary>Network volumes in use, in the order they were first recorded.</summary>
    public List<VolumeState> Volumes { get; set; } = [];

    /// <summary>Endpoints flash manages, by endpoint name (written in ordinal order).</summary>
    public Dictionary<string, EndpointState> Endpoints { get; set; } = [];

    public VolumeState? FindVolume(string key) => Volumes.Find(v => v.Key == key);
}

/// <summary>How a resource came under flash's management.</summary>
internal static class Origins
{
    /// <summary>flash created it.</summary>
    public const string Created = "created";

    /// <summary>An endpoint flash had made for this app, found by name and template markers when there was no state.</summary>
    public const string Adopted = "adopted";

    /// <summary>A network volume that already existed (same name and datacenter, or given by id): used, never owned.</summary>
    public const string Existing = "existing";
}

/// <summary>A network volume in use by the app.</summary>
internal sealed class VolumeState
{
    /// <summary>The identity: <c>name@DATACENTER</c>, or <c>id:ID</c> for a volume given by id.</summary>
    public required string Key { get; set; }

    public string? Name { get; set; }

    public string? DataCenterId { get; set; }

    /// <summary>The RunPod network volume id.</summary>
    public required string Id { get; set; }

    /// <summary><see cref="Origins.Created"/> or <see cref="Origins.Existing"/>. Either way, flash never deletes a volume.</summary>
    public required string Origin { get; set; }
}

/// <summary>An endpoint flash manages; only these are ever updated or deleted.</summary>
internal sealed class EndpointState
{
    /// <summary>The RunPod endpoint id.</summary>
    public required string Id { get; set; }

    /// <summary>The id of its pod template.</summary>
    public required string TemplateId { get; set; }

    /// <summary>QB or LB.</summary>
    public required string Type { get; set; }

    /// <summary><see cref="Origins.Created"/> or <see cref="Origins.Adopted"/>.</summary>
    public required string Origin { get; set; }

    /// <summary>The hash of <see cref="Config"/>.</summary>
    public required string ConfigHash { get; set; }

    /// <summary>The normalized configuration last sent (see ConfigSnapshot).</summary>
    public required JsonObject Config { get; set; }

    /// <summary>The network volume ids last sent, in order.</summary>
    public List<string> VolumeIds { get; set; } = [];

    /// <summary>Load-balanced endpoints: the routes as <c>"METHOD /path"</c>.</summary>
    public List<string> Routes { get; set; } = [];
}
