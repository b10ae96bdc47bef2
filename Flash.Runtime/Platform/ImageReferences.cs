using System.Text.RegularExpressions;

namespace Flash.Platform;

/// <summary>
/// Container image references by the OCI distribution grammar that registries and RunPod's workers pull by:
/// <c>[registry[:port]/]repository[:tag][@algorithm:hex]</c>, where the repository is lower-case path components
/// (<c>[a-z0-9]+</c> joined by <c>.</c>, <c>_</c>, <c>__</c> or dashes) separated by <c>/</c>, at most 255 characters
/// with the registry; a tag is 1 to 128 of <c>[A-Za-z0-9_.-]</c> not starting with <c>.</c> or <c>-</c>; a digest's hex
/// part has at least 32 digits. The first path component is a registry when it holds a <c>.</c> or a <c>:</c>, or is
/// <c>localhost</c>. The analyzers check <c>Image</c> with it and <c>flash</c> checks every image it would deploy.
/// </summary>
internal static class ImageReferences
{
    /// <summary>The longest repository name, registry included.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The form of a reference, for messages.</summary>
    public const string Form = "an image reference is [registry/]repository[:tag][@digest] with a lower-case repository, e.g. ghcr.io/you/app:1.0";

    private static readonly Regex PathComponent = new("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex Registry = new(
        @"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$",
        RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex Digest = new("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$", RegexOptions.CultureInvariant);

    /// <summary>Why <paramref name="reference"/> is not an image reference, or null when it is one.</summary>
    /// <param name="reference">The reference as written.</param>
    /// <returns>A clause such as "it contains a space at position 4", or null.</returns>
    public static string? Problem(string reference)
    {
        if (reference is null || reference.Length == 0)
        {
            return "it is empty";
        }

        for (var i = 0; i < reference.Length; i++)
        {
            if (reference[i] is <= ' ' or >= '\u007f')
            {
                return "it contains " + Characters.Describe(reference, i) + " at position " + Characters.Number(i + 1);
            }
        }

        var name = reference;
        var at = name.IndexOf('@');
        if (at >= 0)
        {
            var digest = name.Substring(at + 1);
            name = name.Substring(0, at);
            if (!Digest.IsMatch(digest))
            {
                return $"the digest '{digest}' is not algorithm:hex with at least 32 hex digits (e.g. sha256:…)";
            }
        }

        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            var tag = name.Substring(colon + 1);
            name = name.Substring(0, colon);
            if (!Tag.IsMatch(tag))
            {
                return $"the tag '{tag}' is not 1 to 128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'";
            }
        }

        if (name.Length == 0)
        {
            return "it names no repository";
        }

        if (name.Length > MaxNameLength)
        {
            return "its repository name is " + Characters.Number(name.Length) + " characters long, more than " + Characters.Number(MaxNameLength);
        }

        var components = name.Split('/');
        var first = 0;
        if (components.Length > 1 && (components[0].IndexOf('.') >= 0 || components[0].IndexOf(':') >= 0 || components[0] == "localhost"))
        {
            if (!Registry.IsMatch(components[0]))
            {
                return $"the registry '{components[0]}' is not a host name with an optional port";
            }

            first = 1;
        }

        for (var i = first; i < components.Length; i++)
        {
            var component = components[i];
            if (PathComponent.IsMatch(component))
            {
                continue;
            }

            return PathComponent.IsMatch(component.ToLowerInvariant())
                ? $"the repository path has upper-case letters in '{component}'; repositories are lower case"
                : component.Length == 0
                    ? "the repository path has an empty component (a '/' at the start or end, or '//')"
                    : $"the repository path component '{component}' is not lower-case letters and digits separated by '.', '_', '__' or '-'";
        }

        return null;
    }
}
