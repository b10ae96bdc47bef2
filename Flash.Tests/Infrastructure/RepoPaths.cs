namespace Flash.Tests.Infrastructure;

/// <summary>
/// Paths inside the repository, found upward from the test binaries (not from source paths, which CI builds map to /_/),
/// so tests read the real sample, docs and baselines.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(Root, "Flash.Tests");

    public static string Baselines => Path.Combine(TestsDirectory, "Baselines");

    public static string Sample => Path.Combine(Root, "samples", "Quickstart");

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>The built dll of samples/<paramref name="sample"/>, in the build configuration of the tests themselves.</summary>
    public static string SampleBinary(string sample)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(Root, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
    }

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Flash.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException($"No Flash.sln above {AppContext.BaseDirectory}.");
    }
}
