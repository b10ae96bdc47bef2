extern alias analyzers;

using Microsoft.CodeAnalysis;
using Descriptors = analyzers::Flash.Analyzers.Diagnostics.Descriptors;
using ProblemId = analyzers::Flash.Generators.Parsing.ProblemId;
using ProblemSeverity = analyzers::Flash.Generators.Parsing.ProblemSeverity;

namespace Flash.Tests.Analyzers;

/// <summary>The descriptor table agrees with the parser's rules and with the documentation.</summary>
public sealed class DescriptorTableTests
{
    private static IEnumerable<ProblemId> Rules => Enum.GetValues<ProblemId>();

    [Test]
    public void Each_rule_has_one_descriptor_and_each_id_is_unique()
    {
        Assert.That(Descriptors.All, Has.Length.EqualTo(Rules.Count()));
        Assert.That(Descriptors.All.Select(d => d.Id).Distinct().Count(), Is.EqualTo(Descriptors.All.Length));
    }

    [Test]
    public void An_error_rule_has_error_severity_and_the_others_do_not()
    {
        foreach (var rule in Rules)
        {
            var descriptor = Descriptors.For(rule);
            Assert.That(descriptor.DefaultSeverity == DiagnosticSeverity.Error, Is.EqualTo(ProblemSeverity.IsError(rule)), $"{rule} ({descriptor.Id})");
        }
    }

    [Test]
    public void Every_descriptor_links_to_its_page_and_the_page_exists()
    {
        foreach (var descriptor in Descriptors.All)
        {
            Assert.That(descriptor.HelpLinkUri, Is.EqualTo(Descriptors.HelpRoot + descriptor.Id + ".md"));
            var page = Path.Combine(Infrastructure.RepoPaths.Docs, "diagnostics", descriptor.Id + ".md");
            Assert.That(File.Exists(page), Is.True, $"{descriptor.Id} has no page at docs/diagnostics/{descriptor.Id}.md");
            Assert.That(File.ReadAllText(page), Does.StartWith($"# {descriptor.Id}: {descriptor.Title}"), page);
        }
    }

    [Test]
    public void The_diagnostics_index_lists_every_rule()
    {
        var index = File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Docs, "diagnostics", "README.md"));
        foreach (var descriptor in Descriptors.All)
        {
            Assert.That(index, Does.Contain($"[{descriptor.Id}]({descriptor.Id}.md) | {descriptor.DefaultSeverity} | {descriptor.Title} |"), descriptor.Id);
        }
    }
}
