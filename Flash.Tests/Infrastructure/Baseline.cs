namespace Flash.Tests.Infrastructure;

/// <summary>
/// Compares text with a checked-in baseline file. On a mismatch it writes <c>NAME.received.EXT</c> beside the baseline
/// to diff; with FLASH_ACCEPT_BASELINES=1 it overwrites the baseline instead.
/// </summary>
internal static class Baseline
{
    public const string AcceptVariable = "FLASH_ACCEPT_BASELINES";

    public static void AssertMatches(string fileName, string actual) => AssertFileMatches(Path.Combine(RepoPaths.Baselines, fileName), actual);

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="path"/>, anywhere in the repository.</summary>
    public static void AssertFileMatches(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var fileName = Path.GetFileName(path);
        var received = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(fileName) + ".received" + Path.GetExtension(fileName));
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(path, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No baseline {path}. The output was written to {received}; review it and rename it, or rerun with {AcceptVariable}=1."
            : $"{fileName} differs from its baseline. The output was written to {received}; diff it, and accept with {AcceptVariable}=1 if the change is intended.");
    }
}
