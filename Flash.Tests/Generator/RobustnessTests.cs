extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Tests.Generator;

/// <summary>
/// Half-typed code: whatever prefix of a file they see, the generator and the analyzer never throw, and the generated
/// code itself has no errors (valid C# or nothing).
/// </summary>
public sealed class RobustnessTests
{
    private static IEnumerable<TestCaseData> SampleFiles() =>
        GeneratorHarness.SampleSources().Where(s => !s.Path.EndsWith("ImplicitUsings.cs", StringComparison.Ordinal))
            .Select(s => new TestCaseData(Path.GetFileName(s.Path)).SetName("Every_prefix_of_" + Path.GetFileName(s.Path)));

    [TestCaseSource(nameof(SampleFiles))]
    public async Task Every_token_prefix_of_a_sample_file_is_handled(string file)
    {
        var sources = GeneratorHarness.SampleSources().ToList();
        var target = sources.Single(s => s.Path.EndsWith("/" + file, StringComparison.Ordinal));
        var tokens = CSharpSyntaxTree.ParseText(target.Text, GeneratorHarness.ParseOptions).GetRoot().DescendantTokens().ToList();
        var driver = GeneratorHarness.CreateDriver(withJsonGenerator: false);
        var cuts = 0;
        foreach (var token in tokens)
        {
            var truncated = sources.Select(s => s == target ? (s.Path, s.Text[..token.Span.End]) : s);
            var compilation = GeneratorHarness.Compile(truncated, "Quickstart", OutputKind.ConsoleApplication);

            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var result = driver.GetRunResult();
            var generatedErrors = result.GeneratedTrees
                .SelectMany(tree => output.GetSemanticModel(tree).GetDiagnostics())
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
            Assert.That(generatedErrors, Is.Empty, $"generated code has errors on {file} cut after '{token.Text}' at {token.Span.End}");
            Assert.That(result.Results.Single().Exception, Is.Null, $"generator threw on {file} cut after '{token.Text}' at {token.Span.End}");
            Assert.That(result.Diagnostics, Is.Empty, $"generator reported diagnostics on {file} cut at {token.Span.End}");

            var analyzerErrors = (await compilation.WithAnalyzers([new DeclarationAnalyzer()]).GetAllDiagnosticsAsync())
                .Where(d => d.Id is "AD0001" or "CS8785").ToList();
            Assert.That(analyzerErrors, Is.Empty, $"{file} cut at {token.Span.End}");
            cuts++;
        }

        Assert.That(cuts, Is.EqualTo(tokens.Count).And.GreaterThan(50), "every token boundary was tried");
    }
}
