using System.Runtime.CompilerServices;

namespace Flash.Tests.Infrastructure;

/// <summary>Paths inside the repository, found from this source file, so tests read the real sample and docs.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(Root, "Flash.Tests");

    public static string Baselines => Path.Combine(TestsDirectory, "Baselines");

    public static string Sample => Path.Combine(Root, "samples", "Quickstart");

    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(thisFile);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Flash.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException($"No Flash.sln above {thisFile}.");
    }
}
