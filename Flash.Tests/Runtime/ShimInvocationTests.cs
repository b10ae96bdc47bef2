using Flash.Tests.Infrastructure;
using Flash.Workers;

namespace Flash.Tests.Runtime;

/// <summary>The generated shims called in-process: JSON in, result out, and clear errors for bad input.</summary>
public sealed class ShimInvocationTests
{
    private const string Source = """
        namespace ShimApp;

        public sealed record Point(int X, int Y);

        public static class Jobs
        {
            [Endpoint("add")]
            public static int Add(int a, int b) => a + b;

            [Endpoint("greet")]
            public static string Greet(string name, string greeting = "Hello") => $"{greeting}, {name}!";

            [Endpoint("nothing")]
            public static void Nothing() { }

            [Endpoint("later")]
            public static async Task<Point> Later(Point p, CancellationToken ct)
            {
                await Task.Delay(1, ct);
                return new Point(p.X + 1, p.Y + 1);
            }

            [Endpoint("value-task")]
            public static ValueTask<int> Length(string text) => new(text.Length);

            [Endpoint("fire")]
            public static Task Fire() => Task.CompletedTask;

            [Endpoint("boom")]
            public static int Boom() => throw new InvalidOperationException("the model is not loaded");

            [Endpoint("pause")]
            public static async ValueTask Pause() => await Task.Yield();

            [Endpoint("later-length")]
            public static async ValueTask<int> LaterLength(string text)
            {
                await Task.Yield();
                return text.Length;
            }

            [Endpoint("later-fire")]
            public static async Task LaterFire() => await Task.Yield();

            [Endpoint("later-boom")]
            public static async Task<int> LaterBoom()
            {
                await Task.Yield();
                throw new InvalidOperationException("the model went away");
            }

            [Endpoint("optional")]
            public static string Optional(string? note) => note ?? "(none)";
        }

        public sealed class Counter
        {
            private int _count;

            [Endpoint("count")]
            public int Next(int step) => _count += step;
        }

        [Endpoint("calculator")]
        public sealed class Calculator
        {
            public int Square(int x) => x * x;

            public static int Negate(int x) => -x;
        }
        """;

    private static GeneratedApp _app = null!;

    [OneTimeSetUp]
    public static void Build() => _app = GeneratedApp.Build(Source);

    [OneTimeTearDown]
    public static void Unload() => _app.Dispose();

    [TestCase("add", """{"input": {"a": 2, "b": 40}}""", "42")]
    [TestCase("greet", """{"input": {"name": "Ada"}}""", "\"Hello, Ada!\"")]
    [TestCase("greet", """{"input": {"name": "Ada", "greeting": "Hi"}}""", "\"Hi, Ada!\"")]
    [TestCase("nothing", """{"input": {"__empty": true}}""", "null")]
    [TestCase("later", """{"input": {"p": {"x": 1, "y": 2}}}""", """{"x":2,"y":3}""")]
    [TestCase("value-task", """{"input": {"text": "four"}}""", "4")]
    [TestCase("fire", """{"input": {}}""", "null")]
    [TestCase("pause", """{"input": {}}""", "null")]
    [TestCase("later-length", """{"input": {"text": "five!"}}""", "5")]
    [TestCase("later-fire", """{"input": {}}""", "null")]
    [TestCase("optional", """{"input": {}}""", "\"(none)\"")]
    [TestCase("calculator", """{"input": {"method": "Square", "x": 7}}""", "49")]
    [TestCase("calculator", """{"input": {"method": "Negate", "x": 7}}""", "-7")]
    public void Binds_input_by_parameter_name_and_returns_the_output(string endpoint, string job, string output)
    {
        var result = _app.Run(endpoint, job);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.OutputJson, Is.EqualTo(output));
        Assert.That(result.ToResultJson(), Is.EqualTo("{\"output\":" + output + "}"));
    }

    [Test]
    public void The_registry_carries_each_endpoints_typed_definition()
    {
        Assert.That(_app.Registry.Endpoints.Select(e => e.Definition.Name), Is.EqualTo(new[]
        {
            "add", "boom", "calculator", "count", "fire", "greet", "later", "later-boom", "later-fire", "later-length", "nothing", "optional",
            "pause", "value-task",
        }));
        var calculator = _app.Registry.Find("calculator")!;
        Assert.That(calculator.Definition.Kind, Is.EqualTo(Flash.Manifest.EndpointKind.QueueClass));
        Assert.That(calculator.Functions.Select(f => f.Name), Is.EqualTo(new[] { "Square", "Negate" }));
        Assert.That(_app.Registry.Find("add")!.Definition.ContainerDiskInGb, Is.EqualTo(64));
        Assert.That(_app.Registry.Find("missing"), Is.Null);
    }

    [Test]
    public void Instance_endpoints_keep_one_instance_per_worker()
    {
        Assert.That(_app.Run("count", """{"input": {"step": 2}}""").OutputJson, Is.EqualTo("2"));
        Assert.That(_app.Run("count", """{"input": {"step": 3}}""").OutputJson, Is.EqualTo("5"));
    }

    [TestCase("add", """{"input": {"a": 2}}""",
        "The input has no 'b': this endpoint needs {\"input\": {\"b\": <Int32>, …}}.")]
    [TestCase("later", """{"input": {"p": "not a point"}}""",
        "The input 'p' is not a valid Point: The JSON value could not be converted to ShimApp.Point. Path: $ | LineNumber: 0 | BytePositionInLine: 13.")]
    [TestCase("add", """{"input": [1, 2]}""",
        "The input of endpoint 'add' must be a JSON object of parameters by name, not array.")]
    [TestCase("add", """{"inputs": {}}""",
        "The job has no \"input\": write it as {\"input\": {…}}.")]
    [TestCase("calculator", """{"input": {"x": 1}}""",
        "Endpoint 'calculator' needs \"method\" in its input: one of Square, Negate.")]
    [TestCase("calculator", """{"input": {"method": "Cube", "x": 1}}""",
        "Endpoint 'calculator' has no method 'Cube': use one of Square, Negate.")]
    [TestCase("boom", """{"input": {}}""",
        "'Boom' threw System.InvalidOperationException: the model is not loaded")]
    [TestCase("later-boom", """{"input": {}}""",
        "'LaterBoom' threw System.InvalidOperationException: the model went away")]
    public void Bad_input_and_handler_exceptions_give_an_error_result(string endpoint, string job, string error)
    {
        var result = _app.Run(endpoint, job);

        Assert.That(result.IsError, Is.True);
        Assert.That(result.OutputJson, Is.Null);
        Assert.That(result.Error, Is.EqualTo(error));
    }

    [Test]
    public void Malformed_job_text_is_an_error_result_not_an_exception()
    {
        var result = _app.Run("add", "{\"input\": ");

        Assert.That(result.Error, Does.StartWith("The job is not valid JSON ("));
        Assert.That(result.Error, Does.EndWith("); write it as {\"input\": {…}}."));
    }

    [Test]
    public void Cancellation_reaches_the_method_through_its_token()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = _app.Run("later", """{"input": {"p": {"x": 1, "y": 2}}}""", cancelled.Token);

        Assert.That(result.Error, Is.EqualTo("The job was cancelled."));
        Assert.That(result.ErrorKind, Is.EqualTo(JobErrorKind.Cancelled));
    }

    [Test]
    public void Error_result_json_escapes_the_message()
    {
        var result = _app.Run("add", """{"input": {"a": 2}}""");

        Assert.That(result.ToResultJson(), Is.EqualTo("{\"error\":\"The input has no 'b': this endpoint needs {\\\"input\\\": {\\\"b\\\": <Int32>, …}}.\"}"));
    }
}
