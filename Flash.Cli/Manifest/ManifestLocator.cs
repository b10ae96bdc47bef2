using Flash.Cli.Commands;

namespace Flash.Cli.Manifest;

/// <summary>
/// Finds the manifest to deploy: the <c>--manifest</c> path when given, else <c>flash_manifest.json</c> in the working
/// directory, else the one <c>dotnet build</c> wrote under <c>bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/flash/</c>.
/// Builds of several configurations usually write the same bytes (the manifest depends on the declarations only); only
/// when they differ must the user choose.
/// </summary>
internal static class ManifestLocator
{
    public const string FileName = "flash_manifest.json";

    public static string Locate(string? given, CliEnvironment env)
    {
        if (given is not null)
        {
            var path = env.Resolve(given);
            return File.Exists(path)
                ? path
                : throw new FlashCliException(
                    $"No manifest at {given}. Build the project (dotnet build) to write it, or correct the --manifest path.");
        }

        var here = Path.Combine(env.WorkingDirectory, FileName);
        if (File.Exists(here))
        {
            return here;
        }

        var bin = Path.Combine(env.WorkingDirectory, "bin");
        var built = Directory.Exists(bin)
            ? Directory.GetDirectories(bin)
                .SelectMany(Directory.GetDirectories)
                .Select(tfm => Path.Combine(tfm, "flash", FileName))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return built.Select(File.ReadAllText).Distinct(StringComparer.Ordinal).Count() switch
        {
            1 => built[0],
            0 => throw new FlashCliException(
                $"No {FileName} here or under bin/*/*/flash/. Run flash in the project directory after dotnet build, or pass --manifest PATH."),
            _ => throw new FlashCliException(
                $"Several different manifests were built here; choose one with --manifest:\n" +
                string.Join("\n", built.Select(p => "  " + env.Display(p)))),
        };
    }
}
