using Flash.Cli.Commands;
using Flash.Platform;

namespace Flash.Cli.Manifest;

/// <summary>The build's rule for container image references (FLASH008), applied by flash to every image it would deploy.</summary>
internal static class ImageRule
{
    /// <summary>Why <paramref name="reference"/> cannot be deployed, in the analyzer's words and with the rule's ID; null when it can.</summary>
    public static string? Problem(string reference) =>
        ImageReferences.Problem(reference) is { } problem
            ? $"'{Printable.Of(reference)}' is not a container image reference: {problem}; {ImageReferences.Form} (FLASH008)"
            : null;
}
