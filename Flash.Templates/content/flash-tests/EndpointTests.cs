namespace FlashApp.Tests;

/// <summary>Each queue-based endpoint of the app, run on one job in the local test mode.</summary>
public sealed class EndpointTests
{
    [Test]
    public async Task The_inference_endpoint_completes_a_prompt()
    {
        var (exitCode, output) = await AppRunner.RunJobAsync("inference", """{"input": {"prompt": {"text": "hi"}}}""");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Is.EqualTo("""{"output":{"text":"hi …and so on.","promptLength":2}}"""));
    }

    [Test]
    public async Task The_stats_endpoint_counts_characters_and_words()
    {
        var (exitCode, output) = await AppRunner.RunJobAsync("stats", """{"input": {"text": "two words"}}""");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Is.EqualTo("""{"output":{"characters":9,"words":2}}"""));
    }

    [Test]
    public async Task A_job_without_its_input_fails_with_an_error()
    {
        var (exitCode, output) = await AppRunner.RunJobAsync("stats", """{"input": {}}""");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.StartWith("""{"error":"""));
    }
}
