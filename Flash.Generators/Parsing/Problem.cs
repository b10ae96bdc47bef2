using Microsoft.CodeAnalysis;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis.Text;

namespace Flash.Generators.Parsing;

/// <summary>Where a problem is, without holding a syntax tree alive.</summary>
/// <param name="FilePath">The source file.</param>
/// <param name="Span">The text span.</param>
/// <param name="LineSpan">The line span.</param>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>Something wrong with a declaration, found by the parser; the analyzers turn it into a diagnostic.</summary>
/// <param name="Id">Which rule.</param>
/// <param name="Location">Where; null when the declaration has no source (metadata).</param>
/// <param name="Arguments">The values the message names.</param>
internal sealed record Problem(ProblemId Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static Problem Create(ProblemId id, LocationInfo? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments));
}
