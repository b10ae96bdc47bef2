extern alias analyzers;
extern alias generators;

using System.Globalization;
using Flash.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;
using RouteTemplate = generators::Flash.Generators.Parsing.Routes.RouteTemplate;
using RouteTemplateParser = generators::Flash.Generators.Parsing.Routes.RouteTemplateParser;

namespace Flash.Tests.Generator;

/// <summary>
/// Half-typed paths: every prefix of a path, as a user types it, is read as ASP.NET Core reads it, and the generator
/// and the analyzer meet each one without throwing, reporting exactly what the template reading says.
/// </summary>
public sealed class RouteTemplateRobustnessTests
{
    private static readonly string[] Typed =
    [
        "/blog/{year:int:range(2000,2100)}/{slug:minlength(3)}/{**rest}",
        "/{lang=en}/files/{name}.{ext?}",
        "/a/{id:length(1,5)}/{on:bool}/{{lit}}/{when:datetime:required}",
        "/x/{code:regex(^[a-z]{{3}}$)}/{n:min( 2 ):max(9)}",
    ];

    [Test]
    public void Every_prefix_of_a_path_is_accepted_or_rejected_as_aspnetcore_parses_it()
    {
        var paths = RouteTemplateCorpus.All.Concat(Typed);
        var prefixes = paths.SelectMany(p => Enumerable.Range(0, p.Length + 1).Select(n => p[..n])).Distinct(StringComparer.Ordinal).ToList();
        var disagreements = prefixes.Where(p => (RouteTemplateParser.Parse(p).Error is null) != AspNetCoreAccepts(p)).ToList();

        TestContext.Out.WriteLine($"{prefixes.Count} prefixes");
        Assert.That(disagreements.Take(20), Is.Empty, $"{disagreements.Count} of {prefixes.Count} prefixes");
        Assert.That(prefixes, Has.Count.GreaterThan(100000));
    }

    [Test]
    public async Task Generator_and_analyzer_report_each_prefix_as_the_template_reading_says()
    {
        var prefixes = Typed.SelectMany(p => Enumerable.Range(1, p.Length).Select(n => p[..n])).Distinct(StringComparer.Ordinal).ToList();
        var classes = prefixes.Select((path, i) => $$"""
            [Endpoint("api-{{i}}")]
            public sealed class Api{{i}}
            {
                [Get({{SymbolDisplay.FormatLiteral(path, quote: true)}})]
                public int Run(int year, string slug, string rest, string lang, string name, string? ext, string id, string on, DateTime when, string code, int n) => 1;
            }
            """);
        var compilation = GeneratorHarness.Compile(string.Join("\n", classes));

        var run = GeneratorHarness.Run(compilation);
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await new CompilationWithAnalyzers(compilation, [new DeclarationAnalyzer()], options).GetAnalyzerDiagnosticsAsync();

        Assert.That(exceptions, Is.Empty);
        var expected = prefixes
            .Where(path => RouteTemplate.Parse(path).Error is not null)
            .Select(path => $"FLASH409 {SymbolDisplay.FormatLiteral(path, quote: true)}: {RouteTemplate.Parse(path).Error}")
            .ToList();
        var actual = diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}: {Reason(d.GetMessage(CultureInfo.InvariantCulture))}");
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(run.ShimClasses, Has.Count.EqualTo(prefixes.Count - expected.Count));
    }

    /// <summary>The reason a FLASH409 message gives, else the whole message.</summary>
    private static string Reason(string message)
    {
        const string head = "which the worker's routing rejects: ";
        const string tail = "; correct the path, or the worker cannot serve its routes";
        var from = message.IndexOf(head, StringComparison.Ordinal);
        return from >= 0 && message.EndsWith(tail, StringComparison.Ordinal) ? message[(from + head.Length)..^tail.Length] : message;
    }

    private static bool AspNetCoreAccepts(string path)
    {
        try
        {
            RoutePatternFactory.Parse(path);
            return true;
        }
        catch (RoutePatternException)
        {
            return false;
        }
    }
}
