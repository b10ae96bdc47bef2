using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flash.Generators.Parsing;
using Flash.Manifest.Rules;
using Microsoft.CodeAnalysis;

namespace Flash.Analyzers.Diagnostics;

/// <summary>
/// The Roslyn face of <see cref="RuleTable"/>: one diagnostic descriptor per rule, made from its row and nowhere else.
/// </summary>
/// <remarks>
/// The release-tracking analyzer (RS2000–RS2002) reads only descriptors written out as fields with constant arguments,
/// so it does not see these; Flash.Tests/Analyzers/DescriptorTableTests.cs holds AnalyzerReleases.*.md to the table instead.
/// </remarks>
internal static class Descriptors
{
    private static readonly string[] AppWideTags = [WellKnownDiagnosticTags.CompilationEnd];

    private static readonly Dictionary<ProblemId, DiagnosticDescriptor> ByProblem = RuleTable.All.ToDictionary(rule => rule.Problem, Describe);

    /// <summary>Every descriptor, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = RuleTable.All.Select(rule => ByProblem[rule.Problem]).ToImmutableArray();

    public static DiagnosticDescriptor For(ProblemId problem) => ByProblem[problem];

    public static Diagnostic Create(Problem problem) =>
        Diagnostic.Create(For(problem.Id), problem.Location ?? Location.None, problem.Properties, problem.Arguments.ToArray<object?>());

    private static DiagnosticDescriptor Describe(Rule rule) =>
        new(rule.Id, rule.Title, rule.MessageFormat, rule.Category, Severity(rule.Severity), isEnabledByDefault: true,
            helpLinkUri: rule.HelpLink, customTags: rule.AppWide ? AppWideTags : []);

    private static DiagnosticSeverity Severity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        RuleSeverity.Info => DiagnosticSeverity.Info,
        _ => throw new System.ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
