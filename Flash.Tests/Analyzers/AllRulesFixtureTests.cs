extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Descriptors = analyzers::Flash.Analyzers.Diagnostics.Descriptors;

namespace Flash.Tests.Analyzers;

/// <summary>The file pack-check builds from the packages breaks every rule; checked here in-process too.</summary>
public sealed class AllRulesFixtureTests
{
    [Test]
    public async Task The_all_rules_fixture_raises_every_rule()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "fixtures", "AllRules.cs"));

        // An executable, as pack-check's consumer app is (FLASH701 is about its entry point).
        var compilation = GeneratorHarness.Compile([("/src/AllRules.cs", source)], kind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);
        var options = new AnalyzerOptions([], new BuildProperties(new Dictionary<string, string> { ["IsAotCompatible"] = "true" }));
        var diagnostics = await compilation.WithAnalyzers(
                [new analyzers::Flash.Analyzers.DeclarationAnalyzer(), new analyzers::Flash.Analyzers.AotJsonAnalyzer(), new analyzers::Flash.Analyzers.EntryPointAnalyzer(), new analyzers::Flash.Analyzers.ClientAnalyzer()],
                options)
            .GetAnalyzerDiagnosticsAsync();

        // FLASH001 needs a non-constant argument, a compiler error; a build with compiler errors runs no analyzers.
        Assert.That(Descriptors.All.Select(d => d.Id).Except(diagnostics.Select(d => d.Id)), Is.EqualTo(new[] { "FLASH001" }), "rules the fixture does not raise");
    }
}
