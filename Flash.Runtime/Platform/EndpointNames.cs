using System;

namespace Flash.Platform;

/// <summary>
/// What an endpoint name may be. A name is the manifest key, the RunPod endpoint name, part of its pod template's name
/// (<c>flash-{app}-{name}</c>), the value of <c>FLASH_RESOURCE_NAME</c> on its workers, a key of the deploy state and a
/// command-line argument; names that differ only in case would meet on case-insensitive file systems and in people's
/// heads. So a name is short, plain ASCII, with nothing a shell, a path or a URL treats specially. The analyzers check
/// declarations with it and <c>flash</c> checks a manifest with it, with the same words.
/// </summary>
internal static class EndpointNames
{
    /// <summary>The longest name: 63 characters, the length of a DNS label.</summary>
    public const int MaxLength = 63;

    /// <summary>The rule in one sentence, for messages.</summary>
    public const string Rule = "an endpoint name has 1 to 63 ASCII letters, digits, '-', '_' or '.', starts with a letter or digit, and differs from the app's other endpoint names in more than case";

    /// <summary>Compares names the way the platform's rule does: ignoring case.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Why <paramref name="name"/> is not a valid endpoint name, or null when it is.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>A clause such as "it contains a space at position 3", or null.</returns>
    public static string? Problem(string name)
    {
        if (name is null || name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return "it is " + Characters.Number(name.Length) + " characters long";
        }

        if (!IsLetterOrDigit(name[0]))
        {
            return "it starts with " + Characters.Describe(name, 0);
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!IsLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return "it contains " + Characters.Describe(name, i) + " at position " + Characters.Number(i + 1);
            }
        }

        return null;
    }

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
