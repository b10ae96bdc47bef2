extern alias codefixes;

using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ReplaceValueFix = codefixes::Flash.CodeFixes.ReplaceValueFix;
using VolumeListFixes = codefixes::Flash.CodeFixes.VolumeListFixes;

namespace Flash.Tests.Analyzers;

/// <summary>Each code fix: the text before and after, and no diagnostic of that rule left.</summary>
public sealed class CodeFixTests
{
    private const string Usings = "using Flash;\n\n";

    private static IEnumerable<TestCaseData> Fixes()
    {
        yield return Case("FLASH302_clamps_a_small_volume", new ReplaceValueFix(), "FLASH302",
            "[assembly: NetworkVolume(\"v\", SizeGb = 9)]\npublic static class J { [Endpoint(\"e\", Volume = \"v\")] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"v\", SizeGb = 10)]\npublic static class J { [Endpoint(\"e\", Volume = \"v\")] public static int R(int x) => x; }");
        yield return Case("FLASH302_clamps_a_large_volume", new ReplaceValueFix(), "FLASH302",
            "[assembly: NetworkVolume(\"v\", SizeGb = 5000)]\npublic static class J { [Endpoint(\"e\", Volume = \"v\")] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"v\", SizeGb = 4096)]\npublic static class J { [Endpoint(\"e\", Volume = \"v\")] public static int R(int x) => x; }");
        yield return Case("FLASH102_sets_the_disk_to_the_limit", new ReplaceValueFix(), "FLASH102",
            "public static class J { [Endpoint(\"e\", Cpu = CpuInstanceType.Cpu5c_2_4, ContainerDiskInGb = 64)] public static int R(int x) => x; }",
            "public static class J { [Endpoint(\"e\", Cpu = CpuInstanceType.Cpu5c_2_4, ContainerDiskInGb = 30)] public static int R(int x) => x; }");
        yield return Case("FLASH401_prefixes_the_path", new ReplaceValueFix(), "FLASH401",
            "[Endpoint(\"api\")]\npublic sealed class Api { [Get(\"models\")] public int M() => 1; }",
            "[Endpoint(\"api\")]\npublic sealed class Api { [Get(\"/models\")] public int M() => 1; }");
        yield return Case("FLASH301_removes_the_second_volume", new VolumeListFixes(), "FLASH301",
            "[assembly: NetworkVolume(\"a\")]\n[assembly: NetworkVolume(\"b\")]\npublic static class J { [Endpoint(\"e\", Volumes = [\"a\", \"b\"])] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"a\")]\n[assembly: NetworkVolume(\"b\")]\npublic static class J { [Endpoint(\"e\", Volumes = [\"a\"])] public static int R(int x) => x; }",
            leftover: "FLASH311");
        yield return Case("FLASH310_removes_the_repetition", new VolumeListFixes(), "FLASH310",
            "[assembly: NetworkVolume(\"a\")]\npublic static class J { [Endpoint(\"e\", Volumes = new[] { \"a\", \"a\" })] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"a\")]\npublic static class J { [Endpoint(\"e\", Volumes = new[] { \"a\" })] public static int R(int x) => x; }");
        yield return Case("FLASH303_adds_the_datacenter_to_the_list", new VolumeListFixes(), "FLASH303",
            "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.EuRo1)]\npublic static class J { [Endpoint(\"e\", DataCenters = [DataCenter.UsCa2], Volume = \"v\")] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.EuRo1)]\npublic static class J { [Endpoint(\"e\", DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volume = \"v\")] public static int R(int x) => x; }");
        yield return Case("FLASH303_turns_a_single_datacenter_into_a_list", new VolumeListFixes(), "FLASH303",
            "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.EuRo1)]\npublic static class J { [Endpoint(\"e\", DataCenter = DataCenter.UsCa2, Volume = \"v\")] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"v\", DataCenter = DataCenter.EuRo1)]\npublic static class J { [Endpoint(\"e\", DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volume = \"v\")] public static int R(int x) => x; }");
        yield return Case("FLASH305_declares_the_missing_volume", new VolumeListFixes(), "FLASH305",
            "public static class J { [Endpoint(\"e\", Volume = \"cache\")] public static int R(int x) => x; }",
            "[assembly: NetworkVolume(\"cache\")]\n\npublic static class J { [Endpoint(\"e\", Volume = \"cache\")] public static int R(int x) => x; }");
    }

    private static TestCaseData Case(string name, CodeFixProvider provider, string id, string before, string after, string? leftover = null) =>
        new TestCaseData(provider, id, Usings + before, Usings + after, leftover).SetName(name);

    [TestCaseSource(nameof(Fixes))]
    public async Task Fix_rewrites_the_declaration_and_clears_the_rule(CodeFixProvider provider, string id, string before, string after, string? leftover)
    {
        var fixedText = await CodeFixHarness.FixOnceAsync(provider, before, id);

        Assert.That(fixedText, Is.EqualTo(after));
        var remaining = await CodeFixHarness.DiagnoseAsync(fixedText);
        Assert.That(remaining.Select(d => d.Id).Where(i => i != leftover), Is.Empty);
    }

    [Test]
    public async Task Fix_all_clamps_every_volume_in_the_document()
    {
        const string before = Usings + """
            [assembly: NetworkVolume("a", SizeGb = 1)]
            [assembly: NetworkVolume("b", SizeGb = 9000)]
            public static class J { [Endpoint("e", Volumes = ["a"])] public static int R(int x) => x; [Endpoint("f", Volumes = ["b"], DataCenter = DataCenter.EuRo1)] public static int S(int x) => x; }
            """;

        var fixedText = await CodeFixHarness.FixAllAsync(new ReplaceValueFix(), before, "FLASH302");

        Assert.That(fixedText, Does.Contain("NetworkVolume(\"a\", SizeGb = 10)").And.Contain("NetworkVolume(\"b\", SizeGb = 4096)"));
        Assert.That((await CodeFixHarness.DiagnoseAsync(fixedText)).Where(d => d.Id == "FLASH302"), Is.Empty);
    }
}
