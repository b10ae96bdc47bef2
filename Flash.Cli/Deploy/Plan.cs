using Flash.Cli.Manifest;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>What deploy does with a network volume.</summary>
internal enum VolumeAction
{
    /// <summary>Create it (no volume with its name in its datacenter exists).</summary>
    Create,

    /// <summary>Use the volume of the account with the same name and datacenter, and record it.</summary>
    Reuse,

    /// <summary>Already recorded and present: nothing to do.</summary>
    Unchanged,
}

/// <summary>What deploy does with an endpoint.</summary>
internal enum EndpointAction
{
    /// <summary>Create it, with its template.</summary>
    Create,

    /// <summary>Send the fields that changed since the last deploy.</summary>
    Update,

    /// <summary>No state, but an endpoint flash made for this app has its name: take it over and send the full configuration.</summary>
    Adopt,

    /// <summary>Nothing changed.</summary>
    Unchanged,

    /// <summary>Another endpoint of the account has this name; flash will not touch it, so it cannot deploy this one.</summary>
    Conflict,
}

/// <summary>One network volume in the plan.</summary>
/// <param name="Volume">The declaration.</param>
/// <param name="Action">What deploy does.</param>
/// <param name="RemoteId">The id on RunPod, when known before deploying.</param>
/// <param name="Note">Something the user should know (a size that differs, an offline guess).</param>
internal sealed record VolumePlan(NetworkVolumeDefinition Volume, VolumeAction Action, string? RemoteId, string? Note)
{
    public string Key => ManifestValues.VolumeKey(Volume);
}

/// <summary>One endpoint in the plan.</summary>
/// <param name="Spec">The endpoint as it should be.</param>
/// <param name="Action">What deploy does.</param>
/// <param name="Changes">The fields that differ from the recorded configuration (Update).</param>
/// <param name="RemoteId">The endpoint id (Update, Adopt, Unchanged; the other endpoint's for a Conflict).</param>
/// <param name="TemplateId">Its template id (Update, Adopt, Unchanged).</param>
/// <param name="VolumesChanged">The volume ids to send differ from the ones last sent.</param>
/// <param name="Note">Something the user should know.</param>
internal sealed record EndpointPlan(
    EndpointSpec Spec,
    EndpointAction Action,
    IReadOnlyList<FieldChange> Changes,
    string? RemoteId,
    string? TemplateId,
    bool VolumesChanged,
    string? Note)
{
    public string Name => Spec.Name;

    /// <summary>The peers this deploy creates (they have no id yet): their variables reach this endpoint once they exist.</summary>
    public IReadOnlyList<string> PeersToBeCreated => Action == EndpointAction.Conflict ? [] : Spec.PeersWithoutId;

    /// <summary>RunPod replaces running workers for this change (GPU, image, FlashBoot, CUDA, instance types, locations, volumes).</summary>
    public bool RecreatesWorkers => VolumesChanged || Changes.Any(c => ConfigSnapshot.IsStructural(c.Field));
}

/// <summary>The whole plan: what deploy would create, update or leave alone.</summary>
/// <param name="App">The app.</param>
/// <param name="Volumes">Every volume the app declares or attaches.</param>
/// <param name="Endpoints">Every endpoint of the manifest.</param>
/// <param name="Orphans">Endpoints flash deployed from here that are no longer in the manifest (left alone; undeploy removes them).</param>
/// <param name="Offline">Planned from the state alone, without asking RunPod.</param>
internal sealed record DeployPlan(
    string App,
    IReadOnlyList<VolumePlan> Volumes,
    IReadOnlyList<EndpointPlan> Endpoints,
    IReadOnlyList<string> Orphans,
    bool Offline)
{
    /// <summary>Deploy would change something on RunPod.</summary>
    public bool HasChanges =>
        Volumes.Any(v => v.Action == VolumeAction.Create) ||
        Endpoints.Any(e => e.Action is EndpointAction.Create or EndpointAction.Update or EndpointAction.Adopt);

    public IReadOnlyList<EndpointPlan> Conflicts => Endpoints.Where(e => e.Action == EndpointAction.Conflict).ToList();
}
