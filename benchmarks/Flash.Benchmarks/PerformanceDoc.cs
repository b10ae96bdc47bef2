namespace Flash.Benchmarks;

/// <summary>
/// docs/performance.md: the benchmarks own the region between the markers and rewrite only that; everything else in
/// the file (other sections, the analysis) is kept as it is.
/// </summary>
public static class PerformanceDoc
{
    public const string Start = "<!-- generator-benchmarks:start -->";
    public const string End = "<!-- generator-benchmarks:end -->";

    public static void Write(string path, string region)
    {
        var block = Start + "\n" + region.TrimEnd() + "\n" + End;
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n\n" + Start + "\n" + End + "\n";
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? text[..start] + block + text[(end + End.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
