using System.Globalization;
using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Client;
using Flash.Platform;

namespace Flash.Cli.Deploy;

/// <summary>Prints a plan as two tables (network volumes, endpoints) and a one-line summary.</summary>
internal static class PlanPrinter
{
    public static void Print(DeployPlan plan, TextWriter output)
    {
        if (plan.Offline)
        {
            output.WriteLine(
                "Offline: compared with .flash/state.json only; RunPod was not asked. Deploy reuses a volume that exists with the same " +
                "name and datacenter, and takes over an endpoint flash made for this app, instead of creating them.");
        }

        output.WriteLine();
        output.WriteLine("Network volumes");
        if (plan.Volumes.Count == 0)
        {
            output.WriteLine("  (none declared)");
        }
        else
        {
            ConsoleTable.Write(output, ["ACTION", "NAME", "DATACENTER", "SIZE", "VOLUME ID", "NOTE"], plan.Volumes.Select(v => (IReadOnlyList<string>)
            [
                Word(v.Action),
                v.Volume.Label,
                ManifestValues.DataCenterId(v.Volume) ?? "-",
                v.Volume.SizeGb.ToString(CultureInfo.InvariantCulture) + " GB",
                v.RemoteId ?? "-",
                v.Note ?? "",
            ]));
        }

        output.WriteLine();
        output.WriteLine("Endpoints");
        if (plan.Endpoints.Count == 0)
        {
            output.WriteLine("  (none: the manifest declares no endpoint, so there is nothing to run)");
        }
        else
        {
            ConsoleTable.Write(output, ["ACTION", "NAME", "TYPE", "COMPUTE", "WORKERS", "IMAGE", "DETAILS"], plan.Endpoints.Select(e => (IReadOnlyList<string>)
            [
                Word(e.Action),
                e.Name,
                e.Spec.Type,
                e.Spec.Definition.IsCpu ? "CPU " + CpuCatalog.InstanceIds(e.Spec.Definition.InstanceTypes) : "GPU " + Payloads.GpuIds(e.Spec.Definition),
                $"{e.Spec.Definition.WorkersMin}..{e.Spec.Definition.WorkersMax}",
                e.Spec.Image,
                Details(e),
            ]));
        }

        if (plan.Endpoints.Any(e => e.PeersToBeCreated.Count > 0))
        {
            output.WriteLine();
            output.WriteLine(
                $"Each endpoint gets the ids of the app's other endpoints ({EndpointSettings.VariablePrefix}<NAME>). The id of an endpoint " +
                "created now exists only once it is created: deploy then updates the templates of the endpoints it is new to (saveTemplate).");
        }

        if (plan.Orphans.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Deployed from here but no longer in the manifest (left alone; `flash undeploy NAME` deletes one):");
            foreach (var name in plan.Orphans)
            {
                output.WriteLine("  " + name);
            }
        }

        output.WriteLine();
        output.WriteLine(Summary(plan));
    }

    public static string Summary(DeployPlan plan)
    {
        int Count(EndpointAction action) => plan.Endpoints.Count(e => e.Action == action);
        var summary =
            $"Plan: {Count(EndpointAction.Create)} endpoint(s) to create, {Count(EndpointAction.Update)} to update, " +
            $"{Count(EndpointAction.Adopt)} to take over, {Count(EndpointAction.Unchanged)} unchanged; " +
            $"{plan.Volumes.Count(v => v.Action == VolumeAction.Create)} network volume(s) to create, " +
            $"{plan.Volumes.Count(v => v.Action == VolumeAction.Reuse)} to reuse.";
        return plan.Conflicts.Count > 0
            ? summary + $"\nBlocked: {string.Join(", ", plan.Conflicts.Select(c => c.Name))} cannot be deployed while an endpoint flash did not make has the same name. Rename yours, or remove the other in the RunPod console."
            : plan.HasChanges ? summary : summary + " Nothing to change.";
    }

    private static string Details(EndpointPlan e)
    {
        var parts = e.Changes.Select(c => c.Describe()).ToList();
        if (e.VolumesChanged && e.Action == EndpointAction.Update)
        {
            parts.Add("network volume ids change");
        }

        if (e.Action == EndpointAction.Update && e.RecreatesWorkers)
        {
            parts.Add("RunPod replaces the workers");
        }

        if (e.PeersToBeCreated is { Count: > 0 } pending)
        {
            parts.Add(pending.Count == 1
                ? $"env {EndpointSettings.VariableOf(pending[0])} added once {pending[0]} is created"
                : $"env {EndpointSettings.VariablePrefix}* of {pending.Count} new endpoints added once they are created");
        }

        if (e.Note is not null)
        {
            parts.Add(e.Note);
        }

        return string.Join("; ", parts);
    }

    private static string Word(VolumeAction action) => action switch
    {
        VolumeAction.Create => "create",
        VolumeAction.Reuse => "reuse",
        _ => "unchanged",
    };

    private static string Word(EndpointAction action) => action switch
    {
        EndpointAction.Create => "create",
        EndpointAction.Update => "update",
        EndpointAction.Adopt => "take over",
        EndpointAction.Conflict => "CONFLICT",
        _ => "unchanged",
    };
}
