using Flash.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>
/// Something wrong with a declaration, found by the parser; the analyzers turn it into a diagnostic. Only the analyzers
/// ask for problems, so a problem may hold a real source location (the generator's models never do).
/// </summary>
/// <param name="Id">Which rule.</param>
/// <param name="Location">Where: the argument at fault, else the attribute; null when there is no source.</param>
/// <param name="Arguments">The values the message names.</param>
internal sealed record Problem(ProblemId Id, Location? Location, EquatableArray<string> Arguments)
{
    public static Problem Create(ProblemId id, Location? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments));
}
