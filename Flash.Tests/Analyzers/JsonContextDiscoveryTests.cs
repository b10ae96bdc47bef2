extern alias analyzers;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using AotJsonAnalyzer = analyzers::Flash.Analyzers.AotJsonAnalyzer;

namespace Flash.Tests.Analyzers;

/// <summary>
/// The generator (which contexts the worker binds with) and the Native AOT analyzer (which types count as listed, FLASH504)
/// judge every kind of JsonSerializerContext alike: a type listed only by a context the runtime never gets is reported.
/// </summary>
public sealed class JsonContextDiscoveryTests
{
    private const string Endpoint = """
        public sealed record Request(string Text);

        public static class Jobs
        {
            [Endpoint("e")] public static int Run(Request request) => request.Text.Length;
        }
        """;

    private static IEnumerable<TestCaseData> Contexts()
    {
        yield return Kind("public", "[JsonSerializable(typeof(Request))] public partial class AppJson : JsonSerializerContext;", "global::App.AppJson", usable: true);
        yield return Kind("internal", "[JsonSerializable(typeof(Request))] internal partial class AppJson : JsonSerializerContext;", "global::App.AppJson", usable: true);
        yield return Kind("sealed", "[JsonSerializable(typeof(Request))] internal sealed partial class AppJson : JsonSerializerContext;", "global::App.AppJson", usable: true);
        yield return Kind("nested_public", "public static partial class Outer { [JsonSerializable(typeof(Request))] public partial class AppJson : JsonSerializerContext; }", "global::App.Outer.AppJson", usable: true);
        yield return Kind("nested_internal", "internal static partial class Outer { [JsonSerializable(typeof(Request))] internal partial class AppJson : JsonSerializerContext; }", "global::App.Outer.AppJson", usable: true);
        yield return Kind("nested_private", "public static partial class Outer { [JsonSerializable(typeof(Request))] private partial class AppJson : JsonSerializerContext; }", "global::App.Outer.AppJson", usable: false);
        yield return Kind("nested_protected", "public partial class Outer { [JsonSerializable(typeof(Request))] protected partial class AppJson : JsonSerializerContext; }", "global::App.Outer.AppJson", usable: false);
        yield return Kind("inside_private_class", "public static partial class Outer { private static partial class Hidden { [JsonSerializable(typeof(Request))] internal partial class AppJson : JsonSerializerContext; } }", "global::App.Outer.Hidden.AppJson", usable: false);
        yield return Kind("abstract", "[JsonSerializable(typeof(Request))] internal abstract class AppJson : JsonSerializerContext { protected AppJson() : base(null) { } }", "global::App.AppJson", usable: false);
        yield return Kind("generic", "[JsonSerializable(typeof(Request))] internal abstract class AppJson<T> : JsonSerializerContext { protected AppJson() : base(null) { } }", "global::App.AppJson", usable: false);
        yield return Kind("inside_generic_class", "public static partial class Outer<T> { [JsonSerializable(typeof(Request))] internal abstract class AppJson : JsonSerializerContext { protected AppJson() : base(null) { } } }", "global::App.Outer", usable: false);
    }

    private static TestCaseData Kind(string name, string context, string fullName, bool usable) =>
        new TestCaseData(context, fullName, usable).SetName((usable ? "Usable_context_" : "Unusable_context_") + name);

    [TestCaseSource(nameof(Contexts))]
    public async Task A_type_counts_as_listed_exactly_when_the_runtime_gets_its_context(string context, string fullName, bool usable)
    {
        var source = "using System.Text.Json.Serialization;\n\nnamespace App;\n\n" + Endpoint + "\n\n" + context + "\n";
        // The System.Text.Json generator runs too, as in a build: it completes the partial contexts (and warns, SYSLIB1032,
        // about the ones it cannot complete).
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(source), out var output, out _);
        Assert.That(driver.GetRunResult().Results.Select(r => r.Exception), Is.All.Null);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the app compiles:\n" + string.Join("\n", errors));

        var registry = driver.GetRunResult().Results[0].GeneratedSources.Single(s => s.HintName == "FlashManifest.g.cs").SourceText.ToString();
        var handedToRuntime = registry.Contains($"global::Flash.Workers.FlashJson.Context<{fullName}>()", StringComparison.Ordinal);
        Assert.That(handedToRuntime, Is.EqualTo(usable), "the registry hands the context to the runtime:\n" + registry);

        var options = new AnalyzerOptions([], new BuildProperties(new Dictionary<string, string> { ["PublishAot"] = "true" }));
        var diagnostics = await output.WithAnalyzers([new AotJsonAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        var reported = diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(reported, usable
            ? Is.Empty
            : Is.EqualTo(new[] { "Endpoint 'e' is built for Native AOT, but the parameter 'request' of 'Run' has type 'App.Request', which no JsonSerializerContext of the app lists; add [JsonSerializable(typeof(App.Request))] to one, or the worker cannot read or write it" }));
    }
}
