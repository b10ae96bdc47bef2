extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using AotJsonAnalyzer = analyzers::Flash.Analyzers.AotJsonAnalyzer;

namespace Flash.Tests.Analyzers;

/// <summary>FLASH504: under Native AOT, endpoint types must be listed by a JsonSerializerContext of the app.</summary>
public sealed class AotJsonAnalyzerTests
{
    private const string Declarations = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        public sealed record Request(string Text);
        public sealed record Reply(string Text);

        [JsonSerializable(typeof(Request))]
        internal partial class AppJson : JsonSerializerContext;

        public static class Jobs
        {
            [Endpoint("listed")] public static Task<Request> Listed(Request r, CancellationToken ct) => Task.FromResult(r);
            [Endpoint("unlisted")] public static Reply Unlisted(Request r, Reply [|previous|]) => previous;
            [Endpoint("primitives")] public static int Primitives(string text, int times) => times;
        }
        """;

    private static async Task<string[]> DiagnoseAsync(string markup, Dictionary<string, string> properties)
    {
        var (source, _) = AnalyzerHarness.Parse(markup);
        // With the generators, as in a build: System.Text.Json's completes the partial context.
        var compilation = GeneratorHarness.Run(GeneratorHarness.Compile([("/src/App.cs", source)])).Output;
        var options = new AnalyzerOptions([], new BuildProperties(properties));
        var diagnostics = await compilation.WithAnalyzers([new AotJsonAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Severity} at {d.Location.SourceSpan}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToArray();
    }

    [TestCase("PublishAot")]
    [TestCase("IsAotCompatible")]
    public async Task Under_native_aot_an_unlisted_parameter_or_result_type_is_a_warning(string property)
    {
        var (_, spans) = AnalyzerHarness.Parse(Declarations);
        var unlistedMethod = AnalyzerHarness.Parse(Declarations).Source.IndexOf("Unlisted(Request", StringComparison.Ordinal);

        var diagnostics = await DiagnoseAsync(Declarations, new() { [property] = "true" });

        Assert.That(diagnostics, Is.EqualTo(new[]
        {
            $"FLASH504 Warning at [{unlistedMethod}..{unlistedMethod + "Unlisted".Length}): Endpoint 'unlisted' is built for Native AOT, but the result of 'Unlisted' has type 'Reply', which no JsonSerializerContext of the app lists; add [JsonSerializable(typeof(Reply))] to one, or the worker cannot read or write it",
            $"FLASH504 Warning at {spans[0]}: Endpoint 'unlisted' is built for Native AOT, but the parameter 'previous' of 'Unlisted' has type 'Reply', which no JsonSerializerContext of the app lists; add [JsonSerializable(typeof(Reply))] to one, or the worker cannot read or write it",
        }));
    }

    [Test]
    public async Task Without_native_aot_nothing_is_reported()
    {
        Assert.That(await DiagnoseAsync(Declarations, new() { ["PublishAot"] = "false" }), Is.Empty);
        Assert.That(await DiagnoseAsync(Declarations, []), Is.Empty);
    }

    [Test]
    public async Task Listing_the_type_clears_the_warning()
    {
        var fixedSource = Declarations.Replace("[JsonSerializable(typeof(Request))]", "[JsonSerializable(typeof(Request))]\n[JsonSerializable(typeof(Reply))]", StringComparison.Ordinal);

        Assert.That(await DiagnoseAsync(fixedSource, new() { ["PublishAot"] = "true" }), Is.Empty);
    }
}
