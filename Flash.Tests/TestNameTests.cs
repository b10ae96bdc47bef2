using System.Text.RegularExpressions;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace Flash.Tests;

/// <summary>
/// Every test is named by a sentence joined by underscores that starts with a capital letter, such as
/// <c>A_volume_given_by_id_keeps_an_unknown_datacenter</c>: at least three words, most of those after the first in
/// lower case (names such as RunPod, JSON or FLASH409 stay as they are written). A case named by
/// <c>TestCaseData.SetName</c> (or <c>TestName</c>) starts with a capital letter and joins words of letters and digits
/// with underscores, so it can be typed in a test filter as it is.
/// </summary>
[TestFixture]
public partial class TestNameTests
{
    [Test]
    public void Every_test_and_every_named_case_is_a_sentence_joined_by_underscores()
    {
        var builder = new DefaultSuiteBuilder();
        var misnamed = typeof(TestNameTests).Assembly.GetTypes()
            .Select(type => new TypeWrapper(type))
            .Where(builder.CanBuildFrom)
            .SelectMany(type => Leaves(builder.BuildFrom(type)))
            .Select(Misnaming)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.That(string.Join("\n", misnamed), Is.Empty);
    }

    [TestCase("A_volume_given_by_id_keeps_an_unknown_datacenter", ExpectedResult = true)]
    [TestCase("GpuIds_follow_the_platform_algorithm", ExpectedResult = true)]
    [TestCase("An_api_base_away_from_RunPod_carries_the_REST_API_and_the_endpoint_URLs_unless_they_are_set", ExpectedResult = true)]
    [TestCase("Ping_answers_204_while_starting_and_200_when_ready", ExpectedResult = true)]
    [TestCase("Mistakes_are_named", ExpectedResult = true)]
    [TestCase("ParsesTheManifest", ExpectedResult = false)]
    [TestCase("parses_the_manifest", ExpectedResult = false)]
    [TestCase("GpuIds_L4_RentsOnlyTheL4FromItsPool", ExpectedResult = false)]
    [TestCase("Cuda_TryParse_Known", ExpectedResult = false)]
    [TestCase("Scaler_Ids", ExpectedResult = false)]
    [TestCase("A__double_underscore", ExpectedResult = false)]
    public bool A_method_name_is_a_sentence_when_it_has_three_words_mostly_in_lower_case(string name) => IsSentence(name);

    [TestCase("FLASH409_unclosed_brace", ExpectedResult = true)]
    [TestCase("A_library", ExpectedResult = true)]
    [TestCase("Usable_context_nested_public", ExpectedResult = true)]
    [TestCase("constant_argument", ExpectedResult = false)]
    [TestCase("A method body edit", ExpectedResult = false)]
    [TestCase("FLASH102_boundary_cpu3g-1-4", ExpectedResult = false)]
    [TestCase("FLASH302|FLASH301_two_volumes", ExpectedResult = false)]
    [TestCase("Mutations_of_AppJson.cs", ExpectedResult = false)]
    public bool A_case_name_starts_with_a_capital_and_joins_letters_and_digits_with_underscores(string name) =>
        CaseName().IsMatch(name);

    /// <summary>What is wrong with the name of a test, or null when nothing is.</summary>
    private static string? Misnaming(ITest test)
    {
        var method = test.Method!.Name;
        var where = $"{test.Method.TypeInfo.Name}.{method}";
        if (!IsSentence(method))
        {
            return $"{where}: the method name is not a sentence joined by underscores";
        }

        // Without SetName or TestName, NUnit names a case after its method and arguments.
        var named = test.Name != method && !test.Name.StartsWith(method + "(", StringComparison.Ordinal);
        return named && !CaseName().IsMatch(test.Name)
            ? $"{where}: the case name '{test.Name}' does not start with a capital letter or has more than letters and digits between its underscores"
            : null;
    }

    private static bool IsSentence(string name)
    {
        if (!SentenceShape().IsMatch(name))
        {
            return false;
        }

        var rest = name.Split('_').Skip(1).ToList();
        return rest.Count(word => !char.IsUpper(word[0])) * 2 >= rest.Count;
    }

    private static IEnumerable<ITest> Leaves(ITest test) =>
        test.IsSuite ? test.Tests.SelectMany(Leaves) : test.Method is null ? [] : [test];

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+){2,}$")]
    private static partial Regex SentenceShape();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$")]
    private static partial Regex CaseName();
}
