using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Flash.Tests.Dev;

/// <summary>A worker that keeps exiting is started again a few times, then its endpoint says why it answers no more.</summary>
[NonParallelizable]
public sealed class FlashDevRestartTests
{
    [Test]
    [Platform(Exclude = "Win")]
    public async Task A_worker_that_keeps_exiting_is_restarted_three_times_then_its_endpoint_answers_503_with_why()
    {
        await using var dev = await FlashDevSession.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(dev.Url) };
        var pid = dev.WorkerPid("word-stream");
        for (var restart = 1; restart <= 3; restart++)
        {
            Kill(pid);
            pid = await RestartedPidAsync(dev, restart);
        }

        Kill(pid);
        var deadline = Stopwatch.StartNew();
        while (!dev.Output.Contains("[word-stream] Endpoint 'word-stream' is unavailable", StringComparison.Ordinal))
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), dev.Output);
            await Task.Delay(20);
        }

        using var response = await http.PostAsync("/v2/word-stream/run", new StringContent("""{"input": {"data": {"text": "a"}}}""", Encoding.UTF8, "application/json"));
        using var other = await http.GetAsync("/v2/large-temp-storage/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":"Endpoint 'word-stream' is unavailable: its worker exited 4 times, last with code 137. Its output in flash dev's console says why; fix it, rebuild and restart flash dev."}"""));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other endpoints still answer");
    }

    private static async Task<int> RestartedPidAsync(FlashDevSession dev, int restart)
    {
        var pattern = new Regex($@"\[word-stream\] started the worker again \(restart {restart} of 3\): pid (\d+)\.");
        var deadline = Stopwatch.StartNew();
        Match match;
        while (!(match = pattern.Match(dev.Output)).Success)
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), dev.Output);
            await Task.Delay(20);
        }

        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static void Kill(int pid)
    {
        using var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
