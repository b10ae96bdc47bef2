using System.Linq;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing.Routes;

/// <summary>
/// Which route values a method parameter can take. The worker hands a route value to the method as a JSON string,
/// read by System.Text.Json with the web defaults (numbers may come as strings), so a parameter takes what
/// System.Text.Json reads from a string into its type; a nullable type takes what its underlying type takes.
/// </summary>
internal static class RouteValueTypes
{
    private static readonly RouteValueKind[] Everything =
        [RouteValueKind.WholeNumber, RouteValueKind.DecimalNumber, RouteValueKind.TrueOrFalse, RouteValueKind.DateOrTime, RouteValueKind.Guid, RouteValueKind.Letters];

    /// <summary>
    /// The kinds of value <paramref name="type"/> reads from a string, or null when Flash does not judge the type
    /// (enums, the app's own types and the rest, whose reading depends on converters the app may register).
    /// </summary>
    public static RouteValueKind[]? Reads(ITypeSymbol type)
    {
        type = Underlying(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Object:
                return Everything;
            case SpecialType.System_Char:
                return [RouteValueKind.Letters];
            case SpecialType.System_Boolean:
                return [];
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return [RouteValueKind.WholeNumber];
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return [RouteValueKind.WholeNumber, RouteValueKind.DecimalNumber];
            case SpecialType.System_DateTime:
                return [RouteValueKind.DateOrTime];
        }

        return FullName(type) switch
        {
            "System.Int128" or "System.UInt128" => [RouteValueKind.WholeNumber],
            "System.Half" => [RouteValueKind.WholeNumber, RouteValueKind.DecimalNumber],
            "System.Guid" => [RouteValueKind.Guid],
            "System.DateTimeOffset" or "System.DateOnly" or "System.TimeOnly" => [RouteValueKind.DateOrTime],
            "System.TimeSpan" => [RouteValueKind.WholeNumber, RouteValueKind.DateOrTime],
            "System.Text.Json.JsonElement" or "System.Text.Json.Nodes.JsonNode" => Everything,
            _ => null,
        };
    }

    /// <summary>
    /// Whether no route value can ever be read as <paramref name="type"/>: <c>bool</c>, whose reader takes only JSON
    /// <c>true</c> and <c>false</c>, and collections, whose readers take only JSON arrays and objects (a type with its
    /// own <c>[JsonConverter]</c> excepted, and <c>byte[]</c>, which reads base64 text).
    /// </summary>
    public static bool NeverReadsText(ITypeSymbol type)
    {
        type = Underlying(type);
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return true;
        }

        if (type.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonConverterAttribute"))
        {
            return false;
        }

        return type switch
        {
            IArrayTypeSymbol array => array.ElementType.SpecialType != SpecialType.System_Byte,
            { SpecialType: SpecialType.System_String } => false,
            _ => type.SpecialType == SpecialType.System_Collections_IEnumerable ||
                 type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable),
        };
    }

    /// <summary>
    /// The first constraint that gives a <c>string</c> parameter a type it does not declare (<c>{id:int}</c> on
    /// <c>string id</c>): the route says the value is a number, a date or a GUID, the method says it is text. Null for
    /// any other parameter type, and for constraints that limit text (<c>alpha</c>, the lengths) or say <c>bool</c>,
    /// which a route value can reach only as text (FLASH412).
    /// </summary>
    public static (string Constraint, RouteValueKind Kind, string Types)? TypeFor(System.Collections.Generic.IEnumerable<string> constraints, ITypeSymbol type)
    {
        if (Underlying(type).SpecialType != SpecialType.System_String)
        {
            return null;
        }

        foreach (var constraint in constraints)
        {
            var kind = RouteConstraints.KindOf(constraint);
            var types = kind switch
            {
                RouteValueKind.WholeNumber => "int or long",
                RouteValueKind.DecimalNumber => "double or decimal",
                RouteValueKind.DateOrTime => "DateTime, DateOnly or TimeOnly",
                RouteValueKind.Guid => "Guid",
                _ => null,
            };
            if (types is not null)
            {
                return (constraint, kind!.Value, types);
            }
        }

        return null;
    }

    private static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static string FullName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
