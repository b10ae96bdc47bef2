using System.Text.Json;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Build;

/// <summary>
/// The publish defaults of Flash.Runtime's build files (ReadyToRun for JIT publishes, the worker's gen0 budget), read
/// from MSBuild's evaluation of samples/Quickstart, which imports them as a package's build files are imported.
/// </summary>
[TestFixture]
public sealed class PublishDefaultsTests
{
    [Test]
    public void A_JIT_publish_for_a_runtime_identifier_is_ready_to_run_and_its_image_sets_the_gen0_budget()
    {
        var evaluation = Evaluate("-p:PublishAot=false", "-p:RuntimeIdentifier=linux-x64");

        Assert.That(evaluation.PublishReadyToRun, Is.EqualTo("true"));
        Assert.That(evaluation.ImageEnvironment, Is.EqualTo(new[] { "DOTNET_GCgen0size=200000" }));
    }

    [Test]
    public void A_native_AOT_publish_is_not_ready_to_run_and_compiles_the_gen0_budget_into_the_binary()
    {
        var evaluation = Evaluate("-p:RuntimeIdentifier=linux-x64");

        Assert.That(evaluation.PublishReadyToRun, Is.Empty);
        Assert.That(evaluation.IlcArgs, Does.Contain("--runtimeopt:GCgen0size=200000"));
        Assert.That(evaluation.ImageEnvironment, Is.Empty);
    }

    [Test]
    public void Without_a_runtime_identifier_nothing_is_ready_to_run()
    {
        Assert.That(Evaluate("-p:PublishAot=false").PublishReadyToRun, Is.Empty);
    }

    [Test]
    public void An_empty_FlashGCGen0Size_leaves_the_gen0_budget_to_the_runtime()
    {
        var jit = Evaluate("-p:PublishAot=false", "-p:RuntimeIdentifier=linux-x64", "-p:FlashGCGen0Size=");
        var aot = Evaluate("-p:RuntimeIdentifier=linux-x64", "-p:FlashGCGen0Size=");

        Assert.That(jit.ImageEnvironment, Is.Empty);
        Assert.That(aot.IlcArgs, Has.None.StartsWith("--runtimeopt:GCgen0size"));
    }

    private sealed record Evaluation(string PublishReadyToRun, IReadOnlyList<string> IlcArgs, IReadOnlyList<string> ImageEnvironment);

    private static Evaluation Evaluate(params string[] properties)
    {
        using var json = MsBuildQuery.Run(RepoPaths.Sample, ["-getProperty:PublishReadyToRun", "-getItem:IlcArg", "-getItem:ContainerEnvironmentVariable", .. properties]);
        var items = json.RootElement.GetProperty("Items");
        return new Evaluation(
            json.RootElement.GetProperty("Properties").GetProperty("PublishReadyToRun").GetString()!,
            Identities(items, "IlcArg", i => i.GetProperty("Identity").GetString()!),
            Identities(items, "ContainerEnvironmentVariable", i => i.GetProperty("Identity").GetString() + "=" + i.GetProperty("Value").GetString()));
    }

    private static List<string> Identities(JsonElement items, string name, Func<JsonElement, string> describe) =>
        items.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(describe).ToList() : [];
}
