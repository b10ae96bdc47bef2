using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Cli.RunPod;
using Flash.Cli.State;
using Flash.Client;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// Compares the manifest with the state and, unless offline, with the account: which volumes to create or reuse, which
/// endpoints to create, update, adopt or leave alone. Reads only; nothing is changed.
/// </summary>
internal static class Planner
{
    /// <summary>Plans against the account (<paramref name="api"/>) or, when it is null, against the state alone.</summary>
    public static async Task<DeployPlan> PlanAsync(AppManifest manifest, IReadOnlyList<EndpointSpec> specs, DeployState state, RunPodApi? api, CancellationToken ct)
    {
        if (state.App is { } recordedApp && recordedApp != manifest.ProjectName)
        {
            throw new FlashCliException(
                $"The state in .flash/ belongs to app '{recordedApp}', the manifest to '{manifest.ProjectName}'. " +
                "Run flash from the directory of the app it deployed, or pass that app's --manifest.");
        }

        var remoteVolumes = api is null ? null : await api.ListNetworkVolumesAsync(ct).ConfigureAwait(false);
        var remoteEndpoints = api is null ? null : await api.ListEndpointsAsync(ct).ConfigureAwait(false);

        var volumes = PlanVolumes(manifest, state, remoteVolumes);
        var volumeIds = volumes.Where(v => v.RemoteId is not null).ToDictionary(v => v.Key, v => v.RemoteId!);
        var located = new List<EndpointPlan>();
        foreach (var spec in specs)
        {
            located.Add(await PlanEndpointAsync(spec, state, remoteEndpoints, volumeIds, api, ct).ConfigureAwait(false));
        }

        // Every endpoint gets the ids of its peers; those of endpoints still to be created are added after they are.
        var ids = located.Where(e => e.Action is not (EndpointAction.Create or EndpointAction.Conflict))
            .ToDictionary(e => e.Name, e => e.RemoteId!, StringComparer.Ordinal);
        var endpoints = located.Select(e => WithPeerIds(e, ids, state)).ToList();

        var names = specs.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var orphans = state.Endpoints.Keys.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToList();
        return new DeployPlan(manifest.ProjectName, volumes, endpoints, orphans, Offline: api is null);
    }

    /// <summary>The volume ids an endpoint is sent with, once every volume has an id.</summary>
    public static IReadOnlyList<string> VolumeIdsOf(EndpointSpec spec, IReadOnlyDictionary<string, string> ids) =>
        spec.Definition.Volumes.Select(v => ids[ManifestValues.VolumeKey(v)]).ToList();

    private static List<VolumePlan> PlanVolumes(AppManifest manifest, DeployState state, IReadOnlyList<RemoteVolume>? remote)
    {
        // Every declared volume, then any an endpoint attaches that the declarations lack; each identity once.
        var all = manifest.Volumes.Concat(manifest.Endpoints.SelectMany(e => e.Volumes))
            .DistinctBy(ManifestValues.VolumeKey)
            .ToList();
        return all.Select(v => PlanVolume(v, state.FindVolume(ManifestValues.VolumeKey(v)), remote)).ToList();
    }

    private static VolumePlan PlanVolume(NetworkVolumeDefinition volume, VolumeState? recorded, IReadOnlyList<RemoteVolume>? remote)
    {
        if (remote is null)
        {
            return recorded is not null
                ? new VolumePlan(volume, VolumeAction.Unchanged, recorded.Id, null)
                : volume.Id is not null
                    ? new VolumePlan(volume, VolumeAction.Reuse, volume.Id, "given by id")
                    : new VolumePlan(volume, VolumeAction.Create, null, null);
        }

        if (volume.Id is not null)
        {
            var byId = remote.FirstOrDefault(r => r.Id == volume.Id)
                ?? throw new FlashCliException(
                    $"The network volume with id '{volume.Id}' does not exist in the account. Correct NetworkVolume(Id = ...) or create it in the RunPod console.");
            return new VolumePlan(volume, recorded is null ? VolumeAction.Reuse : VolumeAction.Unchanged, byId.Id, SizeNote(volume, byId));
        }

        var present = recorded is not null ? remote.FirstOrDefault(r => r.Id == recorded.Id) : null;
        if (present is not null)
        {
            return new VolumePlan(volume, VolumeAction.Unchanged, present.Id, SizeNote(volume, present));
        }

        var match = remote.FirstOrDefault(r => r.Name == volume.Name && r.DataCenterId == ManifestValues.DataCenterId(volume));
        var gone = recorded is not null ? $"volume {recorded.Id} is gone from the account; " : "";
        return match is not null
            ? new VolumePlan(volume, VolumeAction.Reuse, match.Id, gone + "exists with this name and datacenter" + SizeSuffix(volume, match))
            : new VolumePlan(volume, VolumeAction.Create, null, gone.Length > 0 ? gone + "it will be created again" : null);
    }

    private static string? SizeNote(NetworkVolumeDefinition volume, RemoteVolume remote) =>
        SizeSuffix(volume, remote) is { Length: > 0 } suffix ? suffix.TrimStart(';', ' ') : null;

    private static string SizeSuffix(NetworkVolumeDefinition volume, RemoteVolume remote) =>
        remote.Size is { } size && size != volume.SizeGb
            ? $"; it has {size} GB, {volume.SizeGb} GB declared (flash never resizes volumes)"
            : "";

    private static async Task<EndpointPlan> PlanEndpointAsync(
        EndpointSpec spec,
        DeployState state,
        IReadOnlyList<RemoteEndpoint>? remote,
        IReadOnlyDictionary<string, string> volumeIds,
        RunPodApi? api,
        CancellationToken ct)
    {
        state.Endpoints.TryGetValue(spec.Name, out var recorded);
        if (recorded is not null && (remote is null || remote.Any(r => r.Id == recorded.Id)))
        {
            // Compared once the peers' ids are known (WithPeerIds).
            return new EndpointPlan(spec, EndpointAction.Unchanged, [], recorded.Id, recorded.TemplateId, VolumesChanged(spec, recorded, volumeIds), null);
        }

        var gone = recorded is not null ? $"endpoint {recorded.Id} was deleted outside flash; " : "";
        if (remote is null)
        {
            return new EndpointPlan(spec, EndpointAction.Create, [], null, null, false, null);
        }

        var namesakes = remote.Where(r => r.Name == spec.RemoteName).ToList();
        foreach (var candidate in namesakes)
        {
            var template = candidate.TemplateId is null ? null : await api!.GetTemplateAsync(candidate.TemplateId, ct).ConfigureAwait(false);
            if (template is not null && IsOurs(template, spec))
            {
                return new EndpointPlan(spec, EndpointAction.Adopt, [], candidate.Id, template.Id, true,
                    gone + "made by flash for this app but not in .flash/state.json; its full configuration is sent");
            }
        }

        if (namesakes.Count > 0)
        {
            return new EndpointPlan(spec, EndpointAction.Conflict, [], namesakes[0].Id, null, false,
                $"endpoint {namesakes[0].Id} of the account has this name and was not made by flash for {spec.App}{(spec.Environment.IsProduction ? "" : $" (environment {spec.Environment.Name})")}; flash leaves it alone");
        }

        return new EndpointPlan(spec, EndpointAction.Create, [], null, null, false, gone.Length > 0 ? gone + "it will be created again" : null);
    }

    /// <summary>
    /// The plan of an endpoint whose spec now carries the ids its peers have; a recorded endpoint is compared with its
    /// recorded configuration here. The variable of a peer that is still to be created is no change yet: the step after
    /// the creates sets it.
    /// </summary>
    private static EndpointPlan WithPeerIds(EndpointPlan located, IReadOnlyDictionary<string, string> ids, DeployState state)
    {
        var spec = located.Spec.WithPeerIds(ids);
        if (located.Action != EndpointAction.Unchanged)
        {
            return located with { Spec = spec };
        }

        var desired = ConfigSnapshot.Of(spec);
        var recorded = state.Endpoints[spec.Name];
        var pending = spec.PeersWithoutId.Select(peer => ConfigSnapshot.EnvPrefix + EndpointSettings.VariableOf(peer)).ToHashSet(StringComparer.Ordinal);
        var changes = recorded.ConfigHash == desired.Hash ? [] : desired.ChangesFrom(recorded.Config).Where(c => !pending.Contains(c.Field)).ToList();
        var action = changes.Count > 0 || located.VolumesChanged || spec.PeersWithoutId.Count > 0 ? EndpointAction.Update : EndpointAction.Unchanged;
        return located with { Spec = spec, Action = action, Changes = changes };
    }

    /// <summary>
    /// Made by flash for this app, endpoint and environment: the template's name and its FLASH_APP, FLASH_RESOURCE_NAME
    /// and FLASH_ENVIRONMENT (absent in production) say so.
    /// </summary>
    private static bool IsOurs(RemoteTemplate template, EndpointSpec spec)
    {
        string? Value(string key) => template.Env.FirstOrDefault(kv => kv.Key == key).Value;
        return template.Name == spec.TemplateName &&
               Value(WorkerVariables.App) == spec.App &&
               Value(WorkerVariables.ResourceName) == spec.Name &&
               spec.Environment.IsMarkedBy(Value(AppEnvironment.Variable));
    }

    private static bool VolumesChanged(EndpointSpec spec, EndpointState recorded, IReadOnlyDictionary<string, string> volumeIds)
    {
        var keys = spec.Definition.Volumes.Select(ManifestValues.VolumeKey).ToList();
        return keys.Count != recorded.VolumeIds.Count ||
               keys.Select((k, i) => !volumeIds.TryGetValue(k, out var id) || id != recorded.VolumeIds[i]).Any(differs => differs);
    }
}
