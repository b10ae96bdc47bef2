using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Generators.Emit;

/// <summary>Values as C# source text, the way the templates write them.</summary>
internal static class CSharpLiteral
{
    /// <summary>A C# string literal, or <c>null</c>.</summary>
    public static string String(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A C# int literal, or <c>null</c>.</summary>
    public static string Int(int? value) => value is { } i ? i.ToString(CultureInfo.InvariantCulture) : "null";
}
