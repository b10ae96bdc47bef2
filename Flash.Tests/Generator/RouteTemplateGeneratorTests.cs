using System.Text.Json.Nodes;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Generator;

/// <summary>A load-balanced endpoint with a route the worker could not serve gets no shim and no manifest entry.</summary>
public sealed class RouteTemplateGeneratorTests
{
    [TestCase("""[Get("/a/{id")] public int A(int id) => id;""", TestName = "Invalid_template_FLASH409")]
    [TestCase("""[Get("/a/{id:number}")] public int A(int id) => id;""", TestName = "Unknown_constraint_FLASH409")]
    [TestCase("""[Get("/a/{userId}")] public int A(int id) => id;""", TestName = "Route_parameter_without_method_parameter_FLASH410")]
    [TestCase("""[Get("/a/{id:int}")] public string A(Guid id) => "";""", TestName = "Constraint_contradicting_type_FLASH411")]
    [TestCase("""[Get("/a/{on}")] public int A(bool on) => 1;""", TestName = "Bool_route_parameter_FLASH412")]
    public void The_endpoint_is_left_out_and_the_others_stay(string brokenRoute)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            [Endpoint("good")]
            public sealed class Good
            {
                [Get("/items/{id:int}")] public int Item(int id) => id;
            }

            [Endpoint("broken")]
            public sealed class Broken
            {
                {{brokenRoute}}
            }
            """));

        ManifestSchema.AssertValid(run.ManifestJson);
        Assert.That(JsonNode.Parse(run.ManifestJson)!["resources"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "good" }));
        Assert.That(run.ShimClasses, Has.Exactly(1).Items.And.All.StartsWith("Shim_Good_"));
    }
}
