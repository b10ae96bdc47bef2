using Flash.Workers;

namespace Flash.Tests.Runtime;

/// <summary>The worker's command line: every mode's options, and a clear message for each mistake.</summary>
public sealed class WorkerCommandTests
{
    [Test]
    public void Options_are_read_with_a_space_or_an_equals_sign_and_serve_anywhere()
    {
        var command = WorkerCommand.Parse(["--endpoint=api", "serve", "--port", "9000", "--host", "0.0.0.0"], out var error);

        Assert.That(error, Is.Null);
        Assert.That(command, Is.EqualTo(new WorkerCommand(WorkerMode.Serve, "api", null, null, 9000, "0.0.0.0")));
        Assert.That(WorkerCommand.Parse(["--endpoint", "api", "serve"], out _)!.Port, Is.EqualTo(8000));
        Assert.That(WorkerCommand.Parse(["--test_input", "{}"], out _)!.TestInput, Is.EqualTo("{}"), "runpod-python's spelling works too");
        Assert.That(WorkerCommand.Parse(["--test-input", "{}", "-h"], out _)!.Mode, Is.EqualTo(WorkerMode.Help));
    }

    [TestCase(new[] { "--endpoint" }, "The option --endpoint needs a value.")]
    [TestCase(new[] { "--verbose" }, "Unknown argument '--verbose'.")]
    [TestCase(new[] { "serve", "--port", "http" }, "The port 'http' is not a number from 1 to 65535.")]
    [TestCase(new[] { "--port", "9000" }, "--port and --host belong to the dev server: write `serve --port N`.")]
    [TestCase(new[] { "serve", "--test-input", "{}" }, "serve and --test-input do not go together: serve answers HTTP requests, --test-input runs one job.")]
    [TestCase(new[] { "--test-output", "{}" }, "--test-output compares the result of --test-input: give both.")]
    public void Mistakes_are_named(string[] args, string message)
    {
        Assert.That(WorkerCommand.Parse(args, out var error), Is.Null);
        Assert.That(error, Is.EqualTo(message));
    }
}
