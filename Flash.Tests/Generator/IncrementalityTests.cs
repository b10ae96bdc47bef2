extern alias generators;

using System.Collections;
using System.Reflection;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using FlashGenerator = generators::Flash.Generators.FlashGenerator;
using Steps = generators::Flash.Generators.FlashGenerator.Steps;

namespace Flash.Tests.Generator;

/// <summary>
/// The generator's cost in the IDE: which steps and outputs rerun after an edit. Each test runs the sample once,
/// applies one edit, runs the same driver again and reads the tracked step reasons.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps = [Steps.Declarations, Steps.Endpoints, Steps.Shims, Steps.ShimFiles, Steps.Volumes, Steps.UserEntryPoint, Steps.Container, Steps.Program, Steps.Manifest, Steps.JsonContexts, Steps.ClientFacts, Steps.OwnClients, Steps.InterfaceClients, Steps.Clients];

    [Test]
    public void Rerun_on_a_clone_caches_every_step_and_output()
    {
        var (_, second) = RunTwice(c => c.Clone());

        AssertAllReasons(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Test]
    public void Edit_in_an_unrelated_file_leaves_every_step_and_output_cached()
    {
        var (_, second) = RunTwice(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Quickstart; public static class Unrelated { public static int Twice(int x) => x * 2; }",
            GeneratorHarness.ParseOptions,
            "/samples/Quickstart/Unrelated.cs")));

        AssertAllReasons(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Test]
    public void Edit_inside_an_endpoint_method_body_leaves_every_output_unchanged()
    {
        var (_, second) = RunTwice(c => Edit(c, "Storage.cs", "await Task.Yield();", "await Task.Yield();\n        await Task.Delay(1, ct);"));

        AssertAllReasons(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Test]
    public void Changing_one_attribute_argument_regenerates_only_that_endpoints_outputs()
    {
        var (first, second) = RunTwice(c => Edit(c, "InferenceApi.cs", "WorkersMax = 5", "WorkersMax = 6"));

        // The endpoint's model changed; the other endpoints' did not.
        var endpointReasons = Reasons(second, Steps.Endpoints);
        Assert.That(endpointReasons.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1));
        Assert.That(endpointReasons.Where(r => r != IncrementalStepRunReason.Modified),
            Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));

        // A setting is not part of any shim or client: they stay; only the manifest (which holds the setting) is redone.
        Assert.That(Reasons(second, Steps.Shims), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        Assert.That(Reasons(second, Steps.OwnClients), Is.EqualTo(new[] { IncrementalStepRunReason.Unchanged }));
        Assert.That(Reasons(second, Steps.Manifest), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        var regenerated = ModifiedOutputs(second);
        Assert.That(regenerated, Is.EqualTo(new[] { "FlashManifest.g.cs" }));
        Assert.That(Source(second, "FlashManifest.g.cs"), Does.Contain("WorkersMax = 6,"));
        Assert.That(Source(first, "FlashManifest.g.cs"), Does.Contain("WorkersMax = 5,"));
    }

    [Test]
    public void Changing_one_endpoints_signature_regenerates_only_its_shim_the_manifest_and_the_clients()
    {
        var (_, second) = RunTwice(c => Edit(c, "InferenceApi.cs", "Generate(string prompt)", "Generate(string prompt, int count = 1)"));

        Assert.That(Reasons(second, Steps.OwnClients), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }));
        var modified = ModifiedOutputs(second);
        Assert.That(modified, Has.Count.EqualTo(3).And.Contain("FlashManifest.g.cs").And.Contain("FlashClients.g.cs").And.One.StartsWith("FlashShims"));
        var shimFile = modified.Single(m => m.StartsWith("FlashShims", StringComparison.Ordinal));
        Assert.That(GeneratorRun.ShimClassesIn([Source(second, shimFile)]), Has.One.StartsWith("Shim_Quickstart_InferenceApi_"),
            "the rewritten shim file is the one holding the changed endpoint's shim");
        Assert.That(Source(second, "FlashClients.g.cs"), Does.Contain(".Add(\"count\", count)"));
    }

    [Test]
    public void Adding_an_endpoint_writes_only_the_shim_file_that_holds_its_shim_the_manifest_and_the_clients()
    {
        var (first, second) = RunTwice(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "using Flash;\nnamespace Quickstart;\npublic static class Added\n{\n    [Endpoint(\"added\")]\n    public static int Run(int x) => x;\n}\n",
            GeneratorHarness.ParseOptions,
            "/samples/Quickstart/Added.cs")));

        var modified = ModifiedOutputs(second);
        Assert.That(modified, Has.Count.EqualTo(3).And.Contain("FlashManifest.g.cs").And.Contain("FlashClients.g.cs").And.One.StartsWith("FlashShims"));
        var shimFile = modified.Single(m => m.StartsWith("FlashShims", StringComparison.Ordinal));
        Assert.That(GeneratorRun.ShimClassesIn([Source(second, shimFile)]), Has.One.StartsWith("Shim_Quickstart_Added_Run_"));
        Assert.That(GeneratorRun.ShimClassesIn(Sources(second).Values), Has.Count.EqualTo(GeneratorRun.ShimClassesIn(Sources(first).Values).Count + 1));
    }

    [Test]
    public void A_method_body_edit_reuses_the_parsed_declarations_and_a_declaration_edit_parses_them_again()
    {
        var generator = new FlashGenerator();
        var compilation = GeneratorHarness.Compile(GeneratorHarness.SampleSources(), "Quickstart", OutputKind.ConsoleApplication);
        var driver = GeneratorHarness.CreateDriver(generator: generator).RunGenerators(compilation);
        Assert.That(generator.DeclarationCache.Parses, Is.EqualTo(1));

        var bodyEdited = Edit(compilation, "Storage.cs", "await Task.Yield();", "await Task.Yield();\n        await Task.Delay(1, ct);");
        driver = driver.RunGenerators(bodyEdited);
        Assert.That(generator.DeclarationCache.Parses, Is.EqualTo(1), "a method body edit bound the declarations again");

        driver.RunGenerators(Edit(bodyEdited, "InferenceApi.cs", "WorkersMax = 5", "WorkersMax = 6"));
        Assert.That(generator.DeclarationCache.Parses, Is.EqualTo(2), "an attribute edit reused stale declarations");
    }

    /// <summary>Edits after which reusing parsed declarations would be wrong if the reuse were keyed too loosely.</summary>
    public static IEnumerable<TestCaseData> Edits()
    {
        var sample = GeneratorHarness.Compile(GeneratorHarness.SampleSources(), "Quickstart", OutputKind.ConsoleApplication);
        yield return new TestCaseData(sample, "Storage.cs", "await Task.Yield();", "await Task.Yield();\n        await Task.Delay(1, ct);")
            .SetName("A_method_body_edit");
        yield return new TestCaseData(sample, "Storage.cs", "await Task.Yield();", "await Task.Yield(); {")
            .SetName("An_unclosed_brace_in_a_method_body_which_pulls_the_later_methods_into_it");
        yield return new TestCaseData(sample, "InferenceApi.cs", "WorkersMax = 5", "WorkersMax = 6")
            .SetName("An_attribute_argument");

        var twoFiles = GeneratorHarness.Compile([
            ("/src/Jobs.cs", "using Flash;\nusing Models;\npublic static class Jobs\n{\n    [Endpoint(\"e\")]\n    public static int Run(Payload payload) => payload.A;\n}\n"),
            ("/src/Payload.cs", "namespace Models;\npublic record Payload(int A);\n"),
        ]);
        yield return new TestCaseData(twoFiles, "Payload.cs", "public record Payload", "public abstract record Payload")
            .SetName("A_parameter_type_declared_in_another_file_becomes_abstract");
    }

    [TestCaseSource(nameof(Edits))]
    public void A_reused_driver_generates_after_an_edit_what_a_fresh_one_does(CSharpCompilation compilation, string file, string find, string replace)
    {
        var edited = Edit(compilation, file, find, replace);
        var reused = GeneratorHarness.CreateDriver().RunGenerators(compilation).RunGenerators(edited).GetRunResult();
        var fresh = GeneratorHarness.CreateDriver().RunGenerators(edited).GetRunResult();

        Assert.That(Sources(reused), Is.EqualTo(Sources(fresh)));
    }

    [Test]
    public void A_type_made_abstract_in_another_file_takes_its_endpoint_out_of_the_reused_output()
    {
        var compilation = GeneratorHarness.Compile([
            ("/src/Jobs.cs", "using Flash;\nusing Models;\npublic static class Jobs { [Endpoint(\"e\")] public static int Run(Payload payload) => payload.A; }\n"),
            ("/src/Payload.cs", "namespace Models;\npublic record Payload(int A);\n"),
        ]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.That(GeneratorRun.ShimClassesIn(Sources(driver.GetRunResult()).Values), Has.Count.EqualTo(1));

        driver = driver.RunGenerators(Edit(compilation, "Payload.cs", "public record Payload", "public abstract record Payload"));

        Assert.That(GeneratorRun.ShimClassesIn(Sources(driver.GetRunResult()).Values), Is.Empty);
    }

    [Test]
    public void No_step_keeps_a_compilation_symbol_or_syntax_node()
    {
        var (first, second) = RunTwice(c => c.Clone());

        foreach (var run in new[] { first, second })
        {
            foreach (var step in TrackedSteps)
            {
                foreach (var output in run.Results[0].TrackedSteps[step].SelectMany(s => s.Outputs))
                {
                    AssertNoRoslynObjects(output.Value, step, depth: 0);
                }
            }
        }
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.SampleSources(), "Quickstart", OutputKind.ConsoleApplication);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult();
        driver = driver.RunGenerators(edit(compilation));
        return (first, driver.GetRunResult());
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string file, string find, string replace)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("/" + file, StringComparison.Ordinal));
        var text = tree.GetText().ToString();
        Assert.That(text, Does.Contain(find), "the edit's anchor is gone from " + file);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(find, replace, StringComparison.Ordinal))));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult run, string step) =>
        run.Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static void AssertAllReasons(GeneratorDriverRunResult run, params IncrementalStepRunReason[] allowed)
    {
        foreach (var step in TrackedSteps)
        {
            Assert.That(Reasons(run, step), Is.All.AnyOf(allowed.Cast<object>().ToArray()), step);
        }

        Assert.That(ModifiedOutputs(run), Is.Empty, "outputs regenerated");
    }

    /// <summary>Hint names of the sources whose output step ran on new or modified input.</summary>
    private static List<string> ModifiedOutputs(GeneratorDriverRunResult run)
    {
        var result = run.Results[0];
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        var changed = outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        if (changed == 0)
        {
            return [];
        }

        // Output steps don't name their files; match each changed output step to the sources it produced.
        return result.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(s => s.Outputs.Any(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New))
            .SelectMany(s => s.Inputs.Select(i => i.Source.Outputs[i.OutputIndex].Value))
            .Select(HintNameOf)
            .Where(h => h is not null)
            .Select(h => h!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? HintNameOf(object? input) => input switch
    {
        generators::Flash.Generators.Model.ShimFile file => file.HintName,
        generators::Flash.Generators.Model.AppManifest => "FlashManifest.g.cs",
        generators::Flash.Generators.Model.ClientsModel => "FlashClients.g.cs",
        System.Runtime.CompilerServices.ITuple { Length: 2 } pair when pair[0] is generators::Flash.Generators.Model.AppManifest => "FlashManifest.g.cs",
        _ => null,
    };

    private static Dictionary<string, string> Sources(GeneratorDriverRunResult run) =>
        run.Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    private static string Source(GeneratorDriverRunResult run, string hintName) =>
        run.Results[0].GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static void AssertNoRoslynObjects(object? value, string step, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.That(value, Is.Not.InstanceOf<Compilation>().And.Not.InstanceOf<ISymbol>().And.Not.InstanceOf<SyntaxNode>()
            .And.Not.InstanceOf<SemanticModel>().And.Not.InstanceOf<Location>().And.Not.InstanceOf<SyntaxTree>(), $"step {step} keeps a {value.GetType()}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, step, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), step, depth + 1);
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, depth + 1);
        }
    }
}
