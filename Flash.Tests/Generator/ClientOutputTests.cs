extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Tests.Generator;

/// <summary>
/// The generated clients: of an app's own endpoints of every kind, and of [EndpointClient] interfaces in an app that
/// references Flash.Client alone. Each compiles without a warning (the harness checks) and matches its baseline.
/// </summary>
public sealed class ClientOutputTests
{
    private const string Endpoints = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Flash;

        namespace Shapes;

        public sealed record Item(int Id, string Name);

        public static class Jobs
        {
            [Endpoint("no-result")]
            public static Task Touch(string name, CancellationToken cancellationToken) => Task.CompletedTask;

            // Its client class is named Create: the factory each client has for the registry must not be.
            [Endpoint("create")]
            public static int Create(int size) => size;

            [Endpoint("keywords")]
            public static int Count(string @class, int cancellationToken = 2, string? note = null) => cancellationToken;
        }

        [Endpoint("calculator")]
        public sealed class Calculator
        {
            public int Square(int x) => x * x;

            public async IAsyncEnumerable<int> Countdown(int from)
            {
                for (var i = from; i > 0; i--)
                {
                    await Task.Yield();
                    yield return i;
                }
            }

            public void Reset() { }
        }

        [Endpoint("catalog")]
        public sealed class Catalog
        {
            [Get("/items/{id:int}")]
            [Get("/items/by-name/{name}")]
            public Item Find(int id = 0, string name = "") => new(id, name);

            [Put("/items/{id}/{**path}")]
            public Task<Item> Save(int id, string path, Item item, CancellationToken cancellationToken) => Task.FromResult(item);

            [Delete("/items/{{all}}")]
            public void Clear() { }
        }
        """;

    private const string Interfaces = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Flash;
        using Flash.Client;

        namespace Caller;

        public sealed record Result(string Message, int Length);

        [EndpointClient("large-temp-storage")]
        public interface IStorage
        {
            Task<Result> ProcessAsync(string text, CancellationToken cancellationToken = default);
            ValueTask<Result> ProcessNowAsync(string text);
            Task<FlashJob<Result>> StartAsync(string text);
            Task PingAsync();
            ValueTask ForgetAsync();
            [EndpointMethod("Square")] Task<int> SquareAsync(int x);
        }

        [EndpointClient("word-stream")]
        public interface IWords : IWordsBase
        {
            IAsyncEnumerable<string> WordsAsync(string text, CancellationToken cancellationToken = default);
        }

        public interface IWordsBase
        {
            Task<int> CountAsync(string text);
        }

        [EndpointClient(Id = "abc123")]
        internal interface IInference
        {
            [Post("/generate")] Task<string> GenerateAsync(string prompt, CancellationToken cancellationToken = default);
            [Get("/models/{name}/{version:int?}")] Task<string[]> ModelsAsync(string name, int? version, bool verbose);
            [Delete("/cache")] ValueTask ClearAsync();
        }
        """;

    [Test]
    public void The_clients_of_an_apps_own_endpoints_match_their_baseline()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile([("/src/Shapes.cs", Endpoints)], "Shapes"));

        Baseline.AssertMatches("Shapes.FlashClients.generated.txt", run.Sources["FlashClients.g.cs"]);
    }

    [Test]
    public async Task An_app_that_references_only_the_client_gets_its_interfaces_implemented_and_nothing_else()
    {
        var compilation = GeneratorHarness.Compile([("/src/Caller.cs", Interfaces)], "Caller", OutputKind.ConsoleApplication, clientOnly: true)
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("System.Console.WriteLine();", GeneratorHarness.ParseOptions, "/src/Program.cs"));

        var run = GeneratorHarness.Run(compilation);

        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "FlashClients.g.cs" }));
        Baseline.AssertMatches("Caller.FlashClients.generated.txt", run.Sources["FlashClients.g.cs"]);

        // Its own Program.cs is no worker entry point: no worker rule (FLASH701 above all) applies to a caller.
        var diagnostics = await run.Output.WithAnalyzers(
            [new analyzers::Flash.Analyzers.DeclarationAnalyzer(), new analyzers::Flash.Analyzers.AotJsonAnalyzer(), new analyzers::Flash.Analyzers.EntryPointAnalyzer(), new analyzers::Flash.Analyzers.ClientAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public void An_app_with_the_client_and_no_endpoint_or_client_interface_gets_nothing()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile([("/src/Caller.cs", "namespace Plain; public static class Nothing { }")], "Plain", clientOnly: true));

        Assert.That(run.Sources, Is.Empty);
    }
}
