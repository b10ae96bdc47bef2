namespace Flash.Cli.Dev;

/// <summary>flash dev's console: whole lines from several workers at once, each prefixed with its endpoint's name.</summary>
internal sealed class DevOutput(TextWriter writer)
{
    private readonly object _gate = new();

    public void Line(string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    public void Line(string endpoint, string text) => Line($"[{endpoint}] {text}");
}
