using Flash.Cli.Commands;
using Flash.Cli.Manifest;
using Flash.Cli.State;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// Which network volumes an environment uses. By default every environment of an app shares the app's volumes (they hold
/// data, and a volume is its name and datacenter). Asked once with <c>--own-volumes</c>, an environment other than
/// production gets volumes of its own, <c>&lt;name&gt;-&lt;environment&gt;</c> in the same datacenters, and its state
/// records the choice, so later commands keep it without being told again. A volume given by id is one existing volume
/// and stays shared.
/// </summary>
internal static class EnvironmentVolumes
{
    public const string Option = "--own-volumes";

    /// <summary>
    /// Whether <paramref name="environment"/> uses volumes of its own: as asked, or as its state recorded. Refuses what
    /// cannot be: own volumes for production, or for an environment already deployed with the shared ones.
    /// </summary>
    public static bool Resolve(AppEnvironment environment, DeployState state, bool asked)
    {
        if (!asked)
        {
            return state.OwnVolumes;
        }

        if (environment.IsProduction)
        {
            throw new FlashCliException(
                $"{Option}: production uses the app's network volumes as declared; {Option} gives another environment volumes of its own (e.g. --env staging {Option}).");
        }

        if (!state.OwnVolumes && (state.Volumes.Count > 0 || state.Endpoints.Count > 0))
        {
            throw new FlashCliException(
                $"{Option}: environment {environment.Name} was deployed with the app's shared network volumes, and its endpoints use them. " +
                $"To give it volumes of its own, delete it first (flash env delete {environment.Name}), then deploy it with {Option}.");
        }

        return true;
    }

    /// <summary>
    /// <paramref name="manifest"/> as <paramref name="environment"/> deploys it with volumes of its own: every volume
    /// declared by name, in the manifest's list and in each endpoint's, renamed <c>&lt;name&gt;-&lt;environment&gt;</c>.
    /// </summary>
    public static AppManifest Own(AppManifest manifest, AppEnvironment environment)
    {
        NetworkVolumeDefinition Renamed(NetworkVolumeDefinition volume) =>
            volume.Name is null ? volume : volume with { Name = $"{volume.Name}-{environment.Name}" };

        return manifest with
        {
            Volumes = manifest.Volumes.Select(Renamed).ToList(),
            Endpoints = manifest.Endpoints.Select(e => e with { Volumes = e.Volumes.Select(Renamed).ToList() }).ToList(),
        };
    }
}
