using Flash.Tests.Infrastructure;
using Flash.Workers;
using Flash.Workers.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Runtime;

/// <summary>
/// A JSON null never reaches a parameter or a record property that is not nullable: it is an input error naming the
/// field. Nullable ones, and code without nullable annotations, keep taking null. Results are written as returned.
/// </summary>
public sealed class NullInputTests
{
    private const string Source = """
        namespace NullApp;

        public sealed record Request(string Text, string? Note);

        public sealed record Loose(string Text);

        public static class Jobs
        {
            [Endpoint("process")]
            public static string Process(Request data) => data.Text.ToUpperInvariant() + (data.Note is null ? "" : " / " + data.Note);

            [Endpoint("echo")]
            public static int Echo(string text) => text.Length;

            [Endpoint("echo-or-default")]
            public static int EchoOrDefault(string text = "default") => text.Length;

            [Endpoint("maybe")]
            public static string Maybe(string? text) => text ?? "(null)";

            [Endpoint("count")]
            public static int Count(int n) => n;

            [Endpoint("count-maybe")]
            public static string CountMaybe(int? n) => n?.ToString() ?? "(null)";

            [Endpoint("loose")]
            public static Loose MakeLoose() => new(null!);
        }

        #nullable disable
        public static class Oblivious
        {
            [Endpoint("oblivious")]
            public static string Echo(string text) => text ?? "(null)";
        }
        """;

    private static GeneratedApp _app = null!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source, "NullApp");

    [OneTimeTearDown]
    public static void Unload() => _app.Dispose();

    [TestCase("echo", """{"text": null}""", "The input 'text' is null, but the parameter is a non-nullable String.")]
    [TestCase("echo-or-default", """{"text": null}""", "The input 'text' is null, but the parameter is a non-nullable String.")]
    [TestCase("process", """{"data": null}""", "The input 'data' is null, but the parameter is a non-nullable Request.")]
    [TestCase("count", """{"n": null}""", "The input 'n' is null, but the parameter is a non-nullable Int32.")]
    [TestCase(
        "process",
        """{"data": {"text": null}}""",
        "The input 'data' is not a valid Request: The constructor parameter 'Text' on type 'NullApp.Request' doesn't allow null values. " +
        "Consider updating its nullability annotation. Path: $.text | LineNumber: 0 | BytePositionInLine: 13.")]
    public async Task A_null_for_what_is_not_nullable_is_an_input_error_naming_the_field(string endpoint, string input, string error)
    {
        var result = await RunAsync(endpoint, input);

        Assert.That(result.ErrorKind, Is.EqualTo(JobErrorKind.Input));
        Assert.That(result.Error, Is.EqualTo(error));
    }

    [TestCase("maybe", """{"text": null}""", "\"(null)\"")]
    [TestCase("count-maybe", """{"n": null}""", "\"(null)\"")]
    [TestCase("oblivious", """{"text": null}""", "\"(null)\"")]
    [TestCase("process", """{"data": {"text": "a", "note": null}}""", "\"A\"")]
    [TestCase("echo-or-default", """{}""", "7")]
    public async Task Nullable_parameters_and_code_without_annotations_take_null(string endpoint, string input, string output)
    {
        var result = await RunAsync(endpoint, input);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.OutputJson, Is.EqualTo(output));
    }

    [Test]
    public async Task A_result_with_a_null_in_a_non_nullable_property_is_written_as_returned()
    {
        var result = await RunAsync("loose", "{}");

        Assert.That(result.Error, Is.Null);
        Assert.That(result.OutputJson, Is.EqualTo("""{"text":null}"""));
    }

    private static async Task<JobResult> RunAsync(string endpoint, string input)
    {
        var runner = EndpointRunner.Create(_app.Registry.Find(endpoint)!, FlashJson.CreateOptions(_app.Registry.JsonResolver), new ServiceCollection().BuildServiceProvider());
        return (await TestRun.RunJobAsync(runner, $$"""{"input": {{input}}}""", CancellationToken.None)).Result;
    }
}
