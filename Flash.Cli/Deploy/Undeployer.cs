using Flash.Cli.Commands;
using Flash.Cli.RunPod;
using Flash.Cli.State;

namespace Flash.Cli.Deploy;

/// <summary>
/// Deletes endpoints recorded in the state (so made by flash for this app), with their templates. Never anything else:
/// not an endpoint flash did not create, and never a network volume (RunPod requires deleting those by hand).
/// </summary>
/// <param name="api">RunPod.</param>
/// <param name="store">The environment's state file.</param>
/// <param name="state">Its content; each deleted endpoint is removed from it and the file written.</param>
/// <param name="env">The output.</param>
/// <param name="rerun">The command that resumes after a failure, e.g. <c>flash undeploy</c>.</param>
internal sealed class Undeployer(RunPodApi api, StateStore store, DeployState state, CliEnvironment env, string rerun)
{
    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        var endpoint = state.Endpoints[name];
        try
        {
            await api.DeleteEndpointAsync(endpoint.Id, ct).ConfigureAwait(false);
            env.Out.WriteLine($"  deleted endpoint {name} ({endpoint.Id})");
        }
        catch (RunPodApiException e)
        {
            if (await ExistsAsync(endpoint.Id, ct).ConfigureAwait(false))
            {
                throw new FlashCliException($"endpoint {name}: deleting it failed: {e.Message}\nIt is still recorded; run {rerun} again.");
            }

            env.Out.WriteLine($"  endpoint {name} ({endpoint.Id}) was already gone");
        }

        state.Endpoints.Remove(name);
        store.Save(state);
        if (endpoint.Config[ConfigSnapshot.TemplatePrefix + "name"] is System.Text.Json.Nodes.JsonValue recorded && recorded.TryGetValue(out string? templateName))
        {
            try
            {
                await api.DeleteTemplateAsync(templateName, ct).ConfigureAwait(false);
            }
            catch (RunPodApiException e)
            {
                env.Out.WriteLine($"  note: its template {templateName} was not deleted ({e.Message}); it costs nothing and can be removed in the RunPod console");
            }
        }
    }

    private async Task<bool> ExistsAsync(string id, CancellationToken ct)
    {
        try
        {
            return await api.EndpointExistsAsync(id, ct).ConfigureAwait(false);
        }
        catch (RunPodApiException)
        {
            return true;
        }
    }
}
