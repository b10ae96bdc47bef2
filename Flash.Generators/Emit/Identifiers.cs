using System.Collections.Generic;
using System.Text;

namespace Flash.Generators.Emit;

/// <summary>Turns endpoint and volume names into C# identifiers, unique within one scope.</summary>
internal sealed class Identifiers
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    /// <summary>Creates a scope; <paramref name="reserved"/> are names the scope already uses (its own class name).</summary>
    public Identifiers(params string[] reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(name);
        }
    }

    /// <summary>PascalCase of the name ("large-temp-storage" → LargeTempStorage), made unique with a number.</summary>
    public string Claim(string name)
    {
        var identifier = Pascal(name);
        var candidate = identifier;
        for (var n = 2; !_taken.Add(candidate); n++)
        {
            candidate = identifier + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
