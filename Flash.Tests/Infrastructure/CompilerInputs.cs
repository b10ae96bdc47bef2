using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flash.Tests.Infrastructure;

/// <summary>What the SDK's build hands the compiler besides the user's files. Also compiled into the benchmarks.</summary>
internal static class CompilerInputs
{
    /// <summary>The usings the SDK adds to a project with ImplicitUsings enabled.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}

/// <summary>MSBuild properties as the compiler passes them to generators: <c>build_property.NAME</c> global options.</summary>
internal sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = key.StartsWith("build_property.", StringComparison.Ordinal) && properties.TryGetValue(key["build_property.".Length..], out var found) ? found : null;
            return value is not null;
        }
    }
}
