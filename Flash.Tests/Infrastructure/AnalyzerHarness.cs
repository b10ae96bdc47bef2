extern alias analyzers;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ClientAnalyzer = analyzers::Flash.Analyzers.ClientAnalyzer;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Tests.Infrastructure;

/// <summary>
/// Runs the Flash analyzer over test source written with <c>[|…|]</c> markers around the spans diagnostics must cover.
/// </summary>
internal static class AnalyzerHarness
{
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing Flash;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    /// <summary>The source without markers, and the marked spans in order (positions in the compiled text).</summary>
    public static (string Source, IReadOnlyList<TextSpan> Spans) Parse(string markup)
    {
        var text = Usings + markup;
        var spans = new List<TextSpan>();
        var builder = new System.Text.StringBuilder();
        var starts = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text.AsSpan(i).StartsWith("[|"))
            {
                starts.Push(builder.Length);
                i++;
            }
            else if (text.AsSpan(i).StartsWith("|]"))
            {
                var start = starts.Pop();
                spans.Add(TextSpan.FromBounds(start, builder.Length));
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return (builder.ToString(), spans.OrderBy(s => s.Start).ToList());
    }

    /// <summary>The Flash diagnostics for the source, ordered by position.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnoseAsync(string source, bool allowCompilerErrors = false)
    {
        var compilation = GeneratorHarness.Compile([("/src/App.cs", source)]);
        if (!allowCompilerErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.That(errors, Is.Empty, "the test source does not compile");
        }

        var diagnostics = await compilation.WithAnalyzers([new DeclarationAnalyzer(), new ClientAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Asserts the source yields exactly one diagnostic per marked span, in order, each with the ID and message given.
    /// <paramref name="ids"/> is one ID for every span, or one per span separated by '|'.
    /// </summary>
    public static async Task VerifyAsync(string markup, string ids, params string[] messages)
    {
        var (source, spans) = Parse(markup);
        var idList = ids.Split('|');
        var diagnostics = await DiagnoseAsync(source, allowCompilerErrors: idList.Contains("FLASH001"));

        Assert.That(diagnostics.Select(Describe), Is.EqualTo(spans.Select((span, i) =>
            $"{idList[Math.Min(i, idList.Length - 1)]} at {span}: {messages[Math.Min(i, messages.Length - 1)]}")));
    }

    /// <summary>Asserts the source yields no Flash diagnostic at all.</summary>
    public static async Task VerifyCleanAsync(string markup)
    {
        var (source, _) = Parse(markup);
        Assert.That((await DiagnoseAsync(source)).Select(Describe), Is.Empty);
    }

    private static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} at {diagnostic.Location.SourceSpan}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
