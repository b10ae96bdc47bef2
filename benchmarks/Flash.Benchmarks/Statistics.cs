namespace Flash.Benchmarks;

/// <summary>Medians and slopes.</summary>
public static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>How a measure grows from size <paramref name="from"/> to <paramref name="to"/>, relative to N: 1.0 is linear.</summary>
    public static double Slope(double atFrom, int from, double atTo, int to) => atTo / atFrom / ((double)to / from);
}
