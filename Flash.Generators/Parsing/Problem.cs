using System.Collections.Immutable;
using Flash.Generators.Model;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>
/// Something wrong with a declaration, found by the parser; the analyzers turn it into a diagnostic. Only the analyzers
/// ask for problems, so a problem may hold a real source location (the generator's models never do).
/// </summary>
/// <param name="Id">Which rule.</param>
/// <param name="Location">Where: the argument or element at fault, else the attribute; null when there is no source.</param>
/// <param name="Arguments">The values the message names.</param>
/// <param name="Properties">What a code fix needs (e.g. the value to write), keyed by <see cref="FixKeys"/>.</param>
internal sealed record Problem(ProblemId Id, Location? Location, EquatableArray<string> Arguments, ImmutableDictionary<string, string?> Properties)
{
    public static Problem Create(ProblemId id, Location? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments), ImmutableDictionary<string, string?>.Empty);

    /// <summary>A broken value rule as a problem at <paramref name="location"/>, with the value its code fix writes.</summary>
    public static Problem Of(Violation violation, Location? location)
    {
        var problem = Create(violation.Problem, location, violation.Arguments);
        return violation.FixValue is { } fix ? problem.WithProperty(FixKeys.Value, fix) : problem;
    }

    public Problem WithProperty(string key, string value) => this with { Properties = Properties.SetItem(key, value) };
}

/// <summary>The diagnostic property keys code fixes read.</summary>
internal static class FixKeys
{
    /// <summary>The value to write in place of the one at fault.</summary>
    public const string Value = "Flash.Value";

    /// <summary>The name of a volume the fix declares or removes.</summary>
    public const string Volume = "Flash.Volume";

    /// <summary>The DataCenter member name the fix adds.</summary>
    public const string DataCenter = "Flash.DataCenter";
}
