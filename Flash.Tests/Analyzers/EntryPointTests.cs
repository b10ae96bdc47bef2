extern alias analyzers;
extern alias codefixes;

using System.Collections.Immutable;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using EntryPointAnalyzer = analyzers::Flash.Analyzers.EntryPointAnalyzer;
using EntryPointFix = codefixes::Flash.CodeFixes.EntryPointFix;

namespace Flash.Tests.Analyzers;

/// <summary>
/// FLASH701: an app that declares endpoints and has its own entry point must hand control to the worker, or it builds,
/// writes a manifest and never runs a job (the `dotnet new console` Program.cs). The fixes leave an app that builds
/// cleanly and that the rule accepts.
/// </summary>
public sealed class EntryPointTests
{
    private const string Endpoints = """
        using Flash;

        namespace ConsoleApp;

        public static class Jobs
        {
            [Endpoint("echo")] public static string Echo(string text) => text;
        }
        """;

    /// <summary>What `dotnet new console` writes.</summary>
    private const string HelloWorld = """
        // See https://aka.ms/new-console-template for more information
        Console.WriteLine("Hello, World!");

        """;

    private const string Message =
        "This app declares endpoints, but its entry point ({0}) never calls FlashWorker.RunAsync, so no endpoint ever runs: --test-input, serve and a deployed worker end without running a job; delete the entry point so Flash generates Main, or end it with 'return await Flash.Workers.FlashWorker.RunAsync(ConsoleApp.FlashManifest.Registry, args);'";

    private static async Task<ImmutableArray<Diagnostic>> DiagnoseAsync(OutputKind kind, params (string Path, string Text)[] sources)
    {
        var compilation = GeneratorHarness.Compile([.. sources, ("/src/ImplicitUsings.cs", CompilerInputs.ImplicitUsings)], "ConsoleApp", kind);
        var output = GeneratorHarness.Run(compilation, requireCleanCompilation: false).Output;
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the app compiles:\n" + string.Join("\n", errors));
        return await output.WithAnalyzers([new EntryPointAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    private static string Describe(Diagnostic d) =>
        $"{d.Id} {d.Severity} at {d.Location.GetLineSpan().Path}{d.Location.SourceSpan}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    [Test]
    public async Task The_console_templates_Program_cs_is_reported_on_its_first_statement()
    {
        var diagnostics = await DiagnoseAsync(OutputKind.ConsoleApplication, ("/src/Program.cs", HelloWorld), ("/src/Endpoints.cs", Endpoints));

        var start = HelloWorld.IndexOf("Console", StringComparison.Ordinal);
        var end = HelloWorld.IndexOf(';', StringComparison.Ordinal) + 1;
        Assert.That(diagnostics.Select(Describe), Is.EqualTo(new[]
        {
            $"FLASH701 Error at /src/Program.cs[{start}..{end}): " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "the top-level statements of Program.cs"),
        }));
    }

    [Test]
    public async Task A_Main_that_does_not_run_the_worker_is_reported_on_its_name()
    {
        const string program = """
            namespace ConsoleApp;

            public static class Program
            {
                public static int Main(string[] args)
                {
                    Console.WriteLine(args.Length);
                    return 0;
                }
            }
            """;

        var diagnostics = await DiagnoseAsync(OutputKind.ConsoleApplication, ("/src/Program.cs", program), ("/src/Endpoints.cs", Endpoints));

        var start = program.IndexOf("Main", StringComparison.Ordinal);
        Assert.That(diagnostics.Select(Describe), Is.EqualTo(new[]
        {
            $"FLASH701 Error at /src/Program.cs[{start}..{start + 4}): " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, "'Program.Main'"),
        }));
    }

    private static IEnumerable<TestCaseData> Accepted()
    {
        yield return new TestCaseData(OutputKind.ConsoleApplication, "Console.WriteLine(\"starting\");\nreturn await Flash.Workers.FlashWorker.RunAsync(ConsoleApp.FlashManifest.Registry, args);\n")
            .SetName("Top_level_statements_ending_with_the_worker");
        yield return new TestCaseData(OutputKind.ConsoleApplication, """
            using Microsoft.Extensions.DependencyInjection;

            return await Flash.Workers.FlashWorker.RunAsync(ConsoleApp.FlashManifest.Registry, args, builder => builder.Services.AddSingleton(TimeProvider.System));
            """).SetName("Top_level_statements_configuring_services_first");
        yield return new TestCaseData(OutputKind.ConsoleApplication, """
            namespace ConsoleApp;

            public static class Program
            {
                public static Task<int> Main(string[] args) => Start(args);

                private static Task<int> Start(string[] args)
                {
                    Task<int> Run() => Flash.Workers.FlashWorker.RunAsync(FlashManifest.Registry, args);
                    return Run();
                }
            }
            """).SetName("Main_reaching_the_worker_through_a_method_and_a_local_function");
        yield return new TestCaseData(OutputKind.ConsoleApplication, """
            namespace ConsoleApp;

            public static class Program
            {
                public static int Main(string[] args)
                {
                    Func<Task<int>> run = () => Flash.Workers.FlashWorker.RunAsync(FlashManifest.Registry, args);
                    return run().GetAwaiter().GetResult();
                }
            }
            """).SetName("Main_reaching_the_worker_through_a_lambda");
        yield return new TestCaseData(OutputKind.ConsoleApplication, "// no entry point of its own: Flash generates Main\n").SetName("No_entry_point_of_its_own");
        yield return new TestCaseData(OutputKind.DynamicallyLinkedLibrary, "// a library\n").SetName("A_library");
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task An_entry_point_that_reaches_the_worker_is_accepted(OutputKind kind, string program) =>
        Assert.That((await DiagnoseAsync(kind, ("/src/Program.cs", program), ("/src/Endpoints.cs", Endpoints))).Select(Describe), Is.Empty);

    [Test]
    public async Task An_app_without_endpoints_may_have_any_entry_point() =>
        Assert.That((await DiagnoseAsync(OutputKind.ConsoleApplication, ("/src/Program.cs", HelloWorld))).Select(Describe), Is.Empty);

    [Test]
    public async Task Deleting_the_templates_statements_deletes_Program_cs_and_the_app_builds_with_the_generated_Main()
    {
        var fixedSources = await FixAsync(HelloWorld, "Delete the top-level statements: Flash generates Main");

        Assert.That(fixedSources.Keys, Is.EquivalentTo(new[] { "/src/Endpoints.cs" }));
        await AssertBuildsCleanAsync(fixedSources);
    }

    [Test]
    public async Task Deleting_statements_keeps_the_file_when_it_declares_more()
    {
        var program = HelloWorld + "\nnamespace ConsoleApp\n{\n    public static class Helpers { }\n}\n";

        var fixedSources = await FixAsync(program, "Delete the top-level statements: Flash generates Main");

        Assert.That(fixedSources["/src/Program.cs"], Does.Not.Contain("Console.WriteLine").And.Contain("public static class Helpers { }"));
        await AssertBuildsCleanAsync(fixedSources);
    }

    [Test]
    public async Task Ending_the_statements_with_the_worker_keeps_them_and_runs_the_worker()
    {
        var fixedSources = await FixAsync(HelloWorld, "End the top-level statements by running the Flash worker");

        Assert.That(fixedSources["/src/Program.cs"], Is.EqualTo("""
            // See https://aka.ms/new-console-template for more information
            Console.WriteLine("Hello, World!");
            return await Flash.Workers.FlashWorker.RunAsync(ConsoleApp.FlashManifest.Registry, args);

            """.ReplaceLineEndings("\n")));
        await AssertBuildsCleanAsync(fixedSources);
    }

    [Test]
    public async Task Deleting_a_Main_leaves_its_class_and_the_app_builds()
    {
        const string program = """
            namespace ConsoleApp;

            public static class Program
            {
                public static void Main(string[] args) => Console.WriteLine("Hello");

                public static int Helper() => 1;
            }
            """;

        var fixedSources = await FixAsync(program, "Delete Main: Flash generates one");

        Assert.That(fixedSources["/src/Program.cs"], Does.Not.Contain("Main").And.Contain("Helper"));
        await AssertBuildsCleanAsync(fixedSources);
    }

    /// <summary>Applies the fix with <paramref name="title"/> in a workspace; returns every document's text by path.</summary>
    private static async Task<Dictionary<string, string>> FixAsync(string program, string title)
    {
        var project = CodeFixHarness.CreateProject(
            "ConsoleApp",
            OutputKind.ConsoleApplication,
            ("/src/Program.cs", program),
            ("/src/Endpoints.cs", Endpoints),
            ("/src/ImplicitUsings.cs", CompilerInputs.ImplicitUsings));
        var document = project.Documents.Single(d => d.FilePath == "/src/Program.cs");

        var compilation = (await project.GetCompilationAsync())!;
        var diagnostic = (await compilation.WithAnalyzers([new EntryPointAnalyzer()]).GetAnalyzerDiagnosticsAsync()).Single();
        var actions = new List<CodeAction>();
        await new EntryPointFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = actions.SingleOrDefault(a => a.Title == title) ?? throw new AssertionException($"no fix '{title}'; offered: {string.Join(", ", actions.Select(a => a.Title))}");
        var solution = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var changed in solution.Projects.Single().Documents.Where(d => !d.FilePath!.EndsWith("ImplicitUsings.cs", StringComparison.Ordinal)))
        {
            texts[changed.FilePath!] = (await changed.GetTextAsync()).ToString().ReplaceLineEndings("\n");
        }

        return texts;
    }

    private static async Task AssertBuildsCleanAsync(Dictionary<string, string> sources) =>
        Assert.That(
            (await DiagnoseAsync(OutputKind.ConsoleApplication, [.. sources.Select(s => (s.Key, s.Value))])).Select(Describe),
            Is.Empty);
}
