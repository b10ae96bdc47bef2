using System.Text.Json;
using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Runtime;

/// <summary>
/// Endpoint classes get their constructor arguments from the app's services (generated constructor calls, no
/// reflection), and jobs bind with the app's JsonSerializerContext found by the generator.
/// </summary>
public sealed class EndpointActivationTests
{
    private const string Source = """
        using System.Linq;
        using System.Text.Json.Serialization;
        using Microsoft.Extensions.Logging;

        namespace ActivationApp;

        public interface IGreeter
        {
            string Greet(string name);
        }

        public sealed class Greeter : IGreeter
        {
            public string Greet(string name) => "Hello, " + name;
        }

        public sealed record Person(string Name, int Age);

        public sealed record Unlisted(string Value);

        [JsonSerializable(typeof(Person))]
        internal sealed partial class AppJson : JsonSerializerContext;

        [Endpoint("greeter")]
        public sealed class GreeterEndpoint(IGreeter greeter, ILogger<GreeterEndpoint> logger, int times = 2)
        {
            public string Greet(Person person)
            {
                logger.LogInformation("greeting {Name}", person.Name);
                return string.Join(" ", Enumerable.Repeat(greeter.Greet(person.Name), times));
            }
        }

        public static class Jobs
        {
            [Endpoint("describe")]
            public static string Describe(Person person) => person.Name + " is " + person.Age;

            [Endpoint("unlisted")]
            public static string Echo(Unlisted value) => value.Value;
        }
        """;

    private static GeneratedApp _app = null!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "ActivationApp");

    [OneTimeTearDown]
    public static void Unload() => _app.Dispose();

    [Test]
    public async Task Constructor_parameters_come_from_the_services_and_optional_ones_keep_their_default()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(_app.Type("ActivationApp.IGreeter"), _app.Type("ActivationApp.Greeter"));
        var runner = EndpointRunner.Create(_app.Registry.Find("greeter")!, AppJson(), services.BuildServiceProvider());

        var result = (await TestRun.RunJobAsync(runner, """{"input": {"person": {"name": "Ada", "age": 36}}}""", CancellationToken.None)).Result;

        Assert.That(result.OutputJson, Is.EqualTo("\"Hello, Ada Hello, Ada\""));
        Assert.That(runner.Instance, Is.Not.Null);
        Assert.That(runner.Instance!.GetType().FullName, Is.EqualTo("ActivationApp.GreeterEndpoint"));
    }

    [Test]
    public void A_missing_service_is_a_clear_error_when_the_worker_starts()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => EndpointRunner.Create(_app.Registry.Find("greeter")!, AppJson(), services));

        Assert.That(error!.Message, Is.EqualTo(
            "Endpoint 'greeter' could not be created: Endpoint 'greeter' needs a ActivationApp.IGreeter for its constructor parameter 'greeter', and none is registered: " +
            "register one in the services (FlashWorker.RunAsync(FlashManifest.Registry, args, builder => builder.Services.AddSingleton<IGreeter>(…)))."));
    }

    [Test]
    public async Task Jobs_bind_with_the_apps_json_context_and_no_reflection()
    {
        Assert.That(_app.Registry.JsonResolver, Is.Not.Null, "the generator found AppJson");
        var json = AppJson();
        Assert.That(json.TypeInfoResolver, Is.Not.InstanceOf<System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver>());
        var describe = EndpointRunner.Create(_app.Registry.Find("describe")!, json, new ServiceCollection().BuildServiceProvider());
        var unlisted = EndpointRunner.Create(_app.Registry.Find("unlisted")!, json, new ServiceCollection().BuildServiceProvider());

        var listed = (await TestRun.RunJobAsync(describe, """{"input": {"person": {"name": "Ada", "age": 36}}}""", CancellationToken.None)).Result;
        var missingProperty = (await TestRun.RunJobAsync(describe, """{"input": {"person": {"name": "Ada"}}}""", CancellationToken.None)).Result;
        var notInContext = (await TestRun.RunJobAsync(unlisted, """{"input": {"value": {"value": "x"}}}""", CancellationToken.None)).Result;

        Assert.That(listed.OutputJson, Is.EqualTo("\"Ada is 36\""));
        Assert.That(missingProperty.Error, Is.EqualTo("The input 'person' is not a valid Person: JSON deserialization for type 'ActivationApp.Person' was missing required properties including: 'age'."));
        Assert.That(notInContext.Error, Does.StartWith("The input 'value' is not a valid Unlisted: JsonTypeInfo metadata for type 'ActivationApp.Unlisted' was not provided by TypeInfoResolver"));
    }

    private static JsonSerializerOptions AppJson() => FlashJson.CreateOptions(_app.Registry.JsonResolver);
}
