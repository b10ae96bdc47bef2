namespace Flash.Benchmarks;

/// <summary>
/// docs/performance.md: the benchmarks own the regions between their markers and rewrite only those; everything else
/// in the file (other sections, the analysis) is kept as it is. The generator benchmarks own "generator-benchmarks",
/// the worker benchmarks (benchmarks/Flash.Runtime.Benchmarks, which link this file) "worker-benchmarks".
/// </summary>
public static class PerformanceDoc
{
    public static void Write(string path, string region) => Write(path, "generator-benchmarks", region);

    /// <summary>Rewrites the region between <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>, or appends it.</summary>
    public static void Write(string path, string name, string region)
    {
        string start = $"<!-- {name}:start -->", end = $"<!-- {name}:end -->";
        var block = start + "\n" + region.TrimEnd() + "\n" + end;
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n\n" + start + "\n" + end + "\n";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }
}
