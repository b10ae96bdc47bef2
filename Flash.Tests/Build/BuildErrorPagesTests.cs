using System.Reflection;
using Flash.Build;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Build;

/// <summary>Every error code of the manifest step has its page and its row in the diagnostics index.</summary>
public sealed class BuildErrorPagesTests
{
    internal static IEnumerable<BuildError> Errors =>
        typeof(BuildErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Select(member => (BuildError)member.GetValue(null)!);

    [Test]
    public void Codes_are_well_formed_and_each_has_a_page_listed_in_the_index_under_its_title()
    {
        var index = File.ReadAllText(Path.Combine(RepoPaths.Docs, "diagnostics", "README.md"));
        foreach (var code in Errors.Select(error => error.Code).Distinct())
        {
            Assert.That(code, Does.Match("^FLASHB[0-9]{2}$"));
            var page = Path.Combine(RepoPaths.Docs, "diagnostics", code + ".md");
            Assert.That(File.Exists(page), Is.True, $"{code} has no page at docs/diagnostics/{code}.md");
            var heading = File.ReadLines(page).First();
            Assert.That(heading, Does.StartWith($"# {code}: "), page);
            Assert.That(index, Does.Contain($"| [{code}]({code}.md) | {heading[$"# {code}: ".Length..]} |"), code);
        }
    }
}
