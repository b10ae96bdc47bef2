extern alias analyzers;

using System.Globalization;
using System.Text.RegularExpressions;
using Flash.Tests.Build;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Descriptors = analyzers::Flash.Analyzers.Diagnostics.Descriptors;
using HelpPages = analyzers::Flash.Manifest.Rules.HelpPages;
using ProblemId = analyzers::Flash.Manifest.Rules.ProblemId;
using Rule = analyzers::Flash.Manifest.Rules.Rule;
using RuleTable = analyzers::Flash.Manifest.Rules.RuleTable;

namespace Flash.Tests.Analyzers;

/// <summary>
/// The rule table covers every rule once, and the descriptors, the pages, the diagnostics index and the analyzer
/// release files say what its rows say.
/// </summary>
public sealed class DescriptorTableTests
{
    private static IReadOnlyList<Rule> Rules => RuleTable.All;

    private static string DiagnosticsDirectory => Path.Combine(RepoPaths.Docs, "diagnostics");

    [Test]
    public void Every_problem_has_exactly_one_row()
    {
        var rowsPerProblem = Rules.GroupBy(rule => rule.Problem).ToDictionary(group => group.Key, group => group.Count());
        foreach (var problem in Enum.GetValues<ProblemId>())
        {
            Assert.That(rowsPerProblem.GetValueOrDefault(problem), Is.EqualTo(1), $"rows of {problem}");
            Assert.That(RuleTable.For(problem).Problem, Is.EqualTo(problem));
        }

        Assert.That(Rules, Has.Count.EqualTo(Enum.GetValues<ProblemId>().Length), "rows of values outside the enum");
    }

    [Test]
    public void Ids_are_unique_well_formed_and_in_order()
    {
        var ids = Rules.Select(rule => rule.Id).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Matches("^FLASH[0-9]{3}$"));
        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void Titles_and_messages_are_single_lines_without_a_closing_period()
    {
        // What the release-tracking analyzer checked (RS1032, RS1033) while descriptors were written out as fields.
        foreach (var rule in Rules)
        {
            foreach (var text in new[] { rule.Title, rule.MessageFormat })
            {
                Assert.That(text, Is.EqualTo(text.Trim()).And.Not.Contain('\n').And.Not.EndsWith("."), rule.Id);
            }
        }
    }

    [Test]
    public void Each_descriptor_says_what_its_row_says()
    {
        Assert.That(Descriptors.All.Select(d => d.Id), Is.EqualTo(Rules.Select(rule => rule.Id)));
        foreach (var rule in Rules)
        {
            var descriptor = Descriptors.For(rule.Problem);
            Assert.Multiple(() =>
            {
                Assert.That(descriptor.Id, Is.EqualTo(rule.Id));
                Assert.That(descriptor.DefaultSeverity.ToString(), Is.EqualTo(rule.Severity.ToString()), rule.Id);
                Assert.That(descriptor.Category, Is.EqualTo(rule.Category), rule.Id);
                Assert.That(descriptor.Title.ToString(CultureInfo.InvariantCulture), Is.EqualTo(rule.Title), rule.Id);
                Assert.That(descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Is.EqualTo(rule.MessageFormat), rule.Id);
                Assert.That(descriptor.HelpLinkUri, Is.EqualTo(HelpPages.Root + rule.Id + ".md"), rule.Id);
                Assert.That(descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd), Is.EqualTo(rule.AppWide), rule.Id);
            });
        }
    }

    [Test]
    public void Every_rule_has_a_page_that_names_its_title_severity_and_category()
    {
        foreach (var rule in Rules)
        {
            var page = Path.Combine(DiagnosticsDirectory, HelpPages.Page(rule.Id));
            Assert.That(File.Exists(page), Is.True, $"{rule.Id} has no page at docs/diagnostics/{rule.Id}.md");
            Assert.That(File.ReadAllText(page), Does.StartWith($"# {rule.Id}: {rule.Title}\n\nSeverity: {rule.Severity} · Category: {rule.Category}\n"), page);
        }
    }

    [Test]
    public void Every_page_explains_a_rule_or_a_build_error()
    {
        var ids = Rules.Select(rule => rule.Id).Concat(BuildErrorPagesTests.Errors.Select(error => error.Code));
        var pages = Directory.GetFiles(DiagnosticsDirectory, "FLASH*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.That(pages, Is.EquivalentTo(ids.Distinct()));
    }

    [Test]
    public void The_diagnostics_index_lists_every_rule()
    {
        var index = File.ReadAllText(Path.Combine(DiagnosticsDirectory, "README.md"));
        foreach (var rule in Rules)
        {
            Assert.That(index, Does.Contain($"| [{rule.Id}]({rule.Id}.md) | {rule.Severity} | {rule.Title} | {rule.Category} |"), rule.Id);
        }
    }

    [Test]
    public void The_analyzer_release_files_list_every_rule_as_the_table_has_it()
    {
        // Release rows are "ID | Category | Severity | Notes", the notes being the title.
        var released = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(Path.Combine(RepoPaths.Root, "Flash.Analyzers", file)))
            .Where(line => Regex.IsMatch(line, "^FLASH[0-9]{3} \\|"))
            .ToList();
        Assert.That(released, Is.EqualTo(Rules.Select(rule => $"{rule.Id} | {rule.Category} | {rule.Severity} | {rule.Title}")));
    }
}
