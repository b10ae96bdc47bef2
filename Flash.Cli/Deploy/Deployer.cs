using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Cli.RunPod;
using Flash.Cli.State;

namespace Flash.Cli.Deploy;

/// <summary>
/// Applies a plan, one call at a time: volumes first, then the new endpoints, then, once every endpoint has an id, the
/// changes of the others and the peer ids the new ones made necessary; endpoints in name order. The state is written
/// after every resource that changed, so when a call fails everything before it is recorded, nothing after it was
/// attempted, and the next deploy starts where this one stopped.
/// </summary>
internal sealed class Deployer(RunPodApi api, StateStore store, DeployState state, CliEnvironment env)
{
    /// <summary>The ids of the app's endpoints that exist so far, by name: known when planned, or created by this run.</summary>
    private readonly Dictionary<string, string> _endpointIds = new(StringComparer.Ordinal);

    private TextWriter Output => env.Out;

    public async Task ApplyAsync(DeployPlan plan, CancellationToken ct)
    {
        state.App = plan.App;
        var volumeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in plan.Volumes)
        {
            volumeIds[volume.Key] = await ApplyAsync(volume, ct).ConfigureAwait(false);
        }

        foreach (var endpoint in plan.Endpoints.Where(e => e.Action is not (EndpointAction.Create or EndpointAction.Conflict)))
        {
            _endpointIds[endpoint.Name] = endpoint.RemoteId!;
        }

        foreach (var endpoint in plan.Endpoints.Where(e => e.Action == EndpointAction.Create))
        {
            await CreateAsync(endpoint, volumeIds, ct).ConfigureAwait(false);
        }

        foreach (var endpoint in plan.Endpoints.Where(e => e.Action != EndpointAction.Conflict))
        {
            await UpdateAsync(endpoint, volumeIds, ct).ConfigureAwait(false);
        }

        store.Save(state);
    }

    private async Task<string> ApplyAsync(VolumePlan plan, CancellationToken ct)
    {
        var label = $"network volume {plan.Volume.Label}" + (ManifestValues.DataCenterId(plan.Volume) is { } dc ? $" in {dc}" : "");
        switch (plan.Action)
        {
            case VolumeAction.Unchanged:
                Record(plan, plan.RemoteId!, state.FindVolume(plan.Key)?.Origin ?? Origins.Existing);
                return plan.RemoteId!;
            case VolumeAction.Reuse:
                Record(plan, plan.RemoteId!, Origins.Existing);
                store.Save(state);
                Output.WriteLine($"  using existing {label} ({plan.RemoteId})");
                return plan.RemoteId!;
            default:
                var created = await Call(label, "creating it", () => api.CreateNetworkVolumeAsync(Payloads.CreateVolume(plan.Volume), ct)).ConfigureAwait(false);
                Record(plan, created.Id, Origins.Created);
                store.Save(state);
                Output.WriteLine($"  created {label} ({created.Id})");
                return created.Id;
        }
    }

    private void Record(VolumePlan plan, string id, string origin)
    {
        state.Volumes.RemoveAll(v => v.Key == plan.Key);
        state.Volumes.Add(new VolumeState { Key = plan.Key, Name = plan.Volume.Name, DataCenterId = ManifestValues.DataCenterId(plan.Volume), Id = id, Origin = origin });
    }

    /// <summary>Creates a new endpoint with the ids of the peers that exist by now, the ones created before it in this run included.</summary>
    private async Task CreateAsync(EndpointPlan plan, IReadOnlyDictionary<string, string> volumeIds, CancellationToken ct)
    {
        var spec = plan.Spec.WithPeerIds(_endpointIds);
        var ids = Planner.VolumeIdsOf(spec, volumeIds);
        var saved = await Call($"endpoint {spec.Name}", "creating it", () => api.SaveEndpointAsync(Payloads.CreateEndpoint(spec, ids), ct)).ConfigureAwait(false);
        Record(spec, ConfigSnapshot.Of(spec), saved.Id, saved.TemplateId, ids, Origins.Created);
        _endpointIds[spec.Name] = saved.Id;
        store.Save(state);
        Output.WriteLine($"  created endpoint {spec.Name} ({saved.Id})");
    }

    /// <summary>
    /// Once every endpoint has an id: sends an endpoint what differs from what it has, the ids of its peers included (an
    /// endpoint created in this run learns those created after it here), or its full configuration when it is taken over.
    /// </summary>
    private async Task UpdateAsync(EndpointPlan plan, IReadOnlyDictionary<string, string> volumeIds, CancellationToken ct)
    {
        var spec = plan.Spec.WithPeerIds(_endpointIds);
        var desired = ConfigSnapshot.Of(spec);
        var adopting = plan.Action == EndpointAction.Adopt;
        var recorded = adopting ? null : state.Endpoints[spec.Name];
        var changes = recorded is null || recorded.ConfigHash == desired.Hash ? [] : desired.ChangesFrom(recorded.Config);
        if (!adopting && changes.Count == 0 && !plan.VolumesChanged)
        {
            return;
        }

        var label = $"endpoint {spec.Name}";
        var ids = Planner.VolumeIdsOf(spec, volumeIds);
        var endpointId = recorded?.Id ?? plan.RemoteId!;
        var templateId = recorded?.TemplateId ?? plan.TemplateId!;
        if (adopting || plan.VolumesChanged || changes.Any(c => !c.IsTemplateField))
        {
            var updated = await Call(label, "updating it", () => api.SaveEndpointAsync(Payloads.UpdateEndpoint(spec, ids, endpointId, templateId), ct))
                .ConfigureAwait(false);
            templateId = updated.TemplateId;
        }

        if (adopting || changes.Any(c => c.IsTemplateField))
        {
            await SaveTemplateAsync(spec, templateId, recorded?.Config, ct).ConfigureAwait(false);
        }

        Record(spec, desired, endpointId, templateId, ids, recorded?.Origin ?? Origins.Adopted);
        store.Save(state);
        Output.WriteLine(adopting
            ? $"  took over {label} ({endpointId}) and sent its configuration"
            : $"  updated {label} ({endpointId}): {string.Join("; ", changes.Select(c => c.Describe()).DefaultIfEmpty("network volume ids"))}");
    }

    /// <summary>saveTemplate with the endpoint's environment, after reading the template for the variables RunPod set on it.</summary>
    private async Task SaveTemplateAsync(EndpointSpec spec, string templateId, System.Text.Json.Nodes.JsonObject? recorded, CancellationToken ct)
    {
        var label = $"endpoint {spec.Name}";
        var live = await Call(label, "reading its template", () => api.GetTemplateAsync(templateId, ct)).ConfigureAwait(false);
        var envToSend = WithPlatformVariables(spec, live, recorded);
        await Call(label, "updating its template", async () =>
        {
            await api.SaveTemplateAsync(Payloads.SaveTemplate(spec, templateId, envToSend), ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The environment to send with saveTemplate: the endpoint's, plus the variables RunPod put on the template itself
    /// (such as PORT and PORT_HEALTH on load-balanced endpoints), which a full replacement would otherwise drop. A
    /// variable flash sent before and the endpoint no longer has was removed by the user and stays removed; for an
    /// adopted endpoint, whose earlier variables are unknown, every other variable of the template is kept.
    /// </summary>
    private static List<KeyValuePair<string, string>> WithPlatformVariables(EndpointSpec spec, RemoteTemplate? live, System.Text.Json.Nodes.JsonObject? recorded)
    {
        var env = spec.Env.ToList();
        var wanted = env.Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var kv in live?.Env ?? [])
        {
            var sentBefore = recorded?.ContainsKey(ConfigSnapshot.EnvPrefix + kv.Key) ?? false;
            if (!wanted.Contains(kv.Key) && !sentBefore)
            {
                env.Add(kv);
            }
        }

        return env;
    }

    /// <summary>Records what was sent: <paramref name="sent"/> is the configuration of <paramref name="spec"/>.</summary>
    private void Record(EndpointSpec spec, ConfigSnapshot sent, string id, string templateId, IReadOnlyList<string> volumeIds, string origin) =>
        state.Endpoints[spec.Name] = new EndpointState
        {
            Id = id,
            TemplateId = templateId,
            Type = spec.Type,
            Origin = origin,
            ConfigHash = sent.Hash,
            Config = sent.Fields.DeepClone().AsObject(),
            VolumeIds = [.. volumeIds],
            Routes = [.. spec.Routes],
        };

    /// <summary>Runs one call; a failure names the resource and says that a re-run resumes.</summary>
    private async Task<T> Call<T>(string resource, string doing, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RunPodApiException e)
        {
            store.Save(state);
            throw new FlashCliException(
                $"{resource}: {doing} failed: {e.Message}\n" +
                $"Deploy stopped here. {env.Display(store.Path)} records everything done before; run flash deploy again to resume.");
        }
    }
}
