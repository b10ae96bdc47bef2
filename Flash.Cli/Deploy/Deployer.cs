using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Cli.RunPod;
using Flash.Cli.State;

namespace Flash.Cli.Deploy;

/// <summary>
/// Applies a plan: volumes first, then endpoints in name order, one call at a time. The state is written after every
/// resource that changed, so when a call fails everything before it is recorded, nothing after it was attempted, and the
/// next deploy starts where this one stopped.
/// </summary>
internal sealed class Deployer(RunPodApi api, StateStore store, DeployState state, CliEnvironment env)
{
    private TextWriter Output => env.Out;

    public async Task ApplyAsync(DeployPlan plan, CancellationToken ct)
    {
        state.App = plan.App;
        var volumeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in plan.Volumes)
        {
            volumeIds[volume.Key] = await ApplyAsync(volume, ct).ConfigureAwait(false);
        }

        foreach (var endpoint in plan.Endpoints)
        {
            await ApplyAsync(endpoint, volumeIds, ct).ConfigureAwait(false);
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

    private async Task ApplyAsync(EndpointPlan plan, IReadOnlyDictionary<string, string> volumeIds, CancellationToken ct)
    {
        var spec = plan.Spec;
        var label = $"endpoint {spec.Name}";
        var ids = Planner.VolumeIdsOf(spec, volumeIds);
        switch (plan.Action)
        {
            case EndpointAction.Unchanged:
                return;
            case EndpointAction.Create:
                var saved = await Call(label, "creating it", () => api.SaveEndpointAsync(Payloads.CreateEndpoint(spec, ids), ct)).ConfigureAwait(false);
                Record(plan, saved.Id, saved.TemplateId, ids, Origins.Created);
                store.Save(state);
                Output.WriteLine($"  created {label} ({saved.Id})");
                return;
            default:
                var endpointId = plan.RemoteId!;
                var templateId = plan.TemplateId!;
                if (plan.SendsEndpoint)
                {
                    var updated = await Call(label, "updating it", () => api.SaveEndpointAsync(Payloads.UpdateEndpoint(spec, ids, endpointId, templateId), ct))
                        .ConfigureAwait(false);
                    templateId = updated.TemplateId;
                }

                if (plan.SendsTemplate)
                {
                    var live = await Call(label, "reading its template", () => api.GetTemplateAsync(templateId, ct)).ConfigureAwait(false);
                    var envToSend = WithPlatformVariables(spec, live, plan.Action == EndpointAction.Adopt ? null : state.Endpoints[spec.Name].Config);
                    await Call(label, "updating its template", async () =>
                    {
                        await api.SaveTemplateAsync(Payloads.SaveTemplate(spec, templateId, envToSend), ct).ConfigureAwait(false);
                        return true;
                    }).ConfigureAwait(false);
                }

                var origin = plan.Action == EndpointAction.Adopt ? Origins.Adopted : state.Endpoints[spec.Name].Origin;
                Record(plan, endpointId, templateId, ids, origin);
                store.Save(state);
                Output.WriteLine(plan.Action == EndpointAction.Adopt
                    ? $"  took over {label} ({endpointId}) and sent its configuration"
                    : $"  updated {label} ({endpointId}): {string.Join("; ", plan.Changes.Select(c => c.Describe()).DefaultIfEmpty("network volume ids"))}");
                return;
        }
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

    private void Record(EndpointPlan plan, string id, string templateId, IReadOnlyList<string> volumeIds, string origin) =>
        state.Endpoints[plan.Name] = new EndpointState
        {
            Id = id,
            TemplateId = templateId,
            Type = plan.Spec.Type,
            Origin = origin,
            ConfigHash = plan.Desired.Hash,
            Config = plan.Desired.Fields.DeepClone().AsObject(),
            VolumeIds = [.. volumeIds],
            Routes = [.. plan.Spec.Routes],
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
