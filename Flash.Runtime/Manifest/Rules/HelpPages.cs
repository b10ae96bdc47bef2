namespace Flash.Manifest.Rules;

/// <summary>
/// Where each diagnostic is explained: one page per ID in the repository's docs/diagnostics folder. The IDE, SARIF logs
/// and the build log link to it, for the analyzers' rules and the build step's errors alike.
/// </summary>
internal static class HelpPages
{
    /// <summary>The folder of the pages, as published.</summary>
    public const string Root = "https://github.com/runpod-flash/flash-dotnet/blob/main/docs/diagnostics/";

    /// <summary>The file name of the page of <paramref name="id"/>, e.g. <c>FLASH102.md</c>.</summary>
    public static string Page(string id) => id + ".md";

    /// <summary>The published address of the page of <paramref name="id"/>.</summary>
    public static string Link(string id) => Root + Page(id);
}
