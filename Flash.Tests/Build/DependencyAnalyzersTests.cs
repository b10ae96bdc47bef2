using Flash.Tests.Infrastructure;

namespace Flash.Tests.Build;

/// <summary>
/// FlashOwnAnalyzersOnly (Flash.Runtime's build files): the analyzers and generators that reach an app only through
/// Flash's dependencies (ASP.NET Core's framework reference, Tomlyn, Microsoft.Extensions.Telemetry) stay out of its
/// compilation; those its own code may use stay. Read from the Analyzer items the compiler would get for samples/Quickstart.
/// </summary>
[TestFixture]
public sealed class DependencyAnalyzersTests
{
    private static readonly string[] OnlyFlashsDependencies =
    [
        "Microsoft.AspNetCore.App.Analyzers", "Microsoft.AspNetCore.Components.Analyzers", "Microsoft.Extensions.Validation.ValidationsGenerator",
        "Microsoft.Gen.Metrics", "Tomlyn.SourceGeneration",
    ];

    private static readonly string[] AppCodeMayUse =
        ["Microsoft.Extensions.Logging.Generators", "Microsoft.Extensions.Options.SourceGeneration", "System.Text.Json.SourceGeneration"];

    [Test]
    public void The_analyzers_only_Flashs_dependencies_bring_stay_out_of_the_compilation_and_those_app_code_may_use_stay()
    {
        var analyzers = Analyzers();

        Assert.That(analyzers, Has.None.AnyOf(OnlyFlashsDependencies));
        Assert.That(analyzers, Is.SupersetOf(AppCodeMayUse));
    }

    [Test]
    public void FlashOwnAnalyzersOnly_false_keeps_every_analyzer()
    {
        Assert.That(Analyzers("-p:FlashOwnAnalyzersOnly=false"), Is.SupersetOf(OnlyFlashsDependencies.Concat(AppCodeMayUse)));
    }

    [Test]
    public void An_app_on_the_web_SDK_keeps_ASP_NET_Cores_analyzers()
    {
        // The Web SDK's mark: an app built as a web app gets ASP.NET Core's analyzers as it would without Flash.
        var analyzers = Analyzers("-p:UsingMicrosoftNETSdkWeb=true");

        Assert.That(analyzers, Is.SupersetOf(new[] { "Microsoft.AspNetCore.App.Analyzers", "Microsoft.AspNetCore.Components.Analyzers" }));
        Assert.That(analyzers, Has.None.AnyOf("Tomlyn.SourceGeneration", "Microsoft.Gen.Metrics"));
    }

    private static List<string> Analyzers(params string[] properties)
    {
        using var json = MsBuildQuery.Run(RepoPaths.Sample,
            ["-t:ResolveTargetingPackAssets;ResolveLockFileAnalyzers;FlashRemoveDependencyAnalyzers", "-getItem:Analyzer", .. properties]);
        return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(i => i.GetProperty("Filename").GetString()!).Distinct().ToList();
    }
}
