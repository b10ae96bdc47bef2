extern alias generators;

using Microsoft.CodeAnalysis.CSharp;
using CSharpLiteral = generators::Flash.Generators.Emit.CSharpLiteral;

namespace Flash.Tests.Generator;

/// <summary>The emitters' string literals are the compiler's own, character for character, whatever the text.</summary>
public sealed class CSharpLiteralTests
{
    [TestCase("")]
    [TestCase("plain ascii 0123 ~!@#$%^&*()")]
    [TestCase("{\n  \"name\": \"a\\\\b\"\n}\n")]
    [TestCase("tab\there, return\r, nul\0, bell\a, vertical\v, form\f, backspace\b")]
    [TestCase("non-ascii: é, ü, 日本, emoji 🚀")]
    [TestCase("line separators \u2028 and \u2029, an escape \u001b, delete \u007f")]
    [TestCase("an unpaired surrogate \ud800 and \udc00")]
    public void Matches_the_compilers_formatting(string value) =>
        Assert.That(CSharpLiteral.String(value), Is.EqualTo(SymbolDisplay.FormatLiteral(value, quote: true)));

    [Test]
    public void Null_is_the_null_literal() => Assert.That(CSharpLiteral.String(null), Is.EqualTo("null"));
}
