using Flash.Workers;
using Microsoft.Extensions.Configuration;

namespace Flash.Tests.Runtime;

/// <summary>Every setting the worker reads is checked in one place: defaults when unset, one clear line for a bad value.</summary>
public sealed class WorkerSettingsTests
{
    [Test]
    public void Unset_settings_take_their_defaults()
    {
        var settings = Read(new Dictionary<string, string?>());

        Assert.That(settings.Queue, Is.Null);
        Assert.That(settings.ResourceName, Is.Null);
        Assert.That(settings.Port, Is.EqualTo(80));
        Assert.That(settings.HealthPort, Is.Null);
        Assert.That(settings.TimeoutGrace, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Runpods_variables_make_a_queue_worker_with_flashs_knobs()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["RUNPOD_WEBHOOK_GET_JOB"] = "https://api.runpod.ai/v2/ep/job-take/$ID?gpu=A",
            ["RUNPOD_WEBHOOK_POST_OUTPUT"] = "https://api.runpod.ai/v2/ep/job-done/$RUNPOD_POD_ID/$ID",
            ["RUNPOD_POD_ID"] = "pod-9",
            ["RUNPOD_PING_INTERVAL"] = "2500",
            ["FLASH_RESULT_ATTEMPTS"] = "3",
            ["FLASH_TIMEOUT_GRACE_MS"] = "0",
            ["PORT"] = "8080",
            ["PORT_HEALTH"] = "8080",
        });

        Assert.That(settings.Queue!.GetJobUrl, Is.EqualTo("https://api.runpod.ai/v2/ep/job-take/$ID?gpu=A"));
        Assert.That(settings.Queue.WorkerId, Is.EqualTo("pod-9"));
        Assert.That(settings.Queue.PingInterval, Is.EqualTo(TimeSpan.FromMilliseconds(2500)));
        Assert.That(settings.Queue.ResultAttempts, Is.EqualTo(3));
        Assert.That(settings.Queue.ShutdownGrace, Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(settings.Queue.TimeoutGrace, Is.EqualTo(TimeSpan.Zero));
        Assert.That(settings.Port, Is.EqualTo(8080));
        Assert.That(settings.HealthPort, Is.Null, "PORT_HEALTH equal to PORT is no port of its own");
    }

    [TestCase("RUNPOD_WEBHOOK_GET_JOB", "…", "RUNPOD_WEBHOOK_GET_JOB is '…', which is not an http:// or https:// URL.")]
    [TestCase("RUNPOD_WEBHOOK_GET_JOB", "file:///etc/passwd", "RUNPOD_WEBHOOK_GET_JOB is 'file:///etc/passwd', which is not an http:// or https:// URL.")]
    [TestCase("RUNPOD_WEBHOOK_POST_OUTPUT", "api.runpod.ai/job-done", "RUNPOD_WEBHOOK_POST_OUTPUT is 'api.runpod.ai/job-done', which is not an http:// or https:// URL.")]
    [TestCase("RUNPOD_WEBHOOK_PING", "http://", "RUNPOD_WEBHOOK_PING is 'http://', which is not an http:// or https:// URL.")]
    [TestCase("PORT", "abc", "PORT is 'abc', which is not a port number from 1 to 65535.")]
    [TestCase("PORT", "0", "PORT is '0', which is not a port number from 1 to 65535.")]
    [TestCase("PORT_HEALTH", "99999", "PORT_HEALTH is '99999', which is not a port number from 1 to 65535.")]
    [TestCase("RUNPOD_PING_INTERVAL", "0", "RUNPOD_PING_INTERVAL is '0', which is not a whole number of milliseconds from 1 to 2147483647.")]
    [TestCase("FLASH_SHUTDOWN_GRACE_MS", "-1", "FLASH_SHUTDOWN_GRACE_MS is '-1', which is not a whole number of milliseconds from 0 to 2147483647.")]
    [TestCase("FLASH_RESULT_ATTEMPTS", "0", "FLASH_RESULT_ATTEMPTS is '0', which is not a whole number from 1 to 100.")]
    [TestCase("FLASH_TAKE_TIMEOUT_MS", "1.5", "FLASH_TAKE_TIMEOUT_MS is '1.5', which is not a whole number of milliseconds from 1 to 2147483647.")]
    [TestCase("FLASH_TIMEOUT_GRACE_MS", "10s", "FLASH_TIMEOUT_GRACE_MS is '10s', which is not a whole number of milliseconds from 0 to 2147483647.")]
    public void A_bad_value_is_one_line_naming_the_variable_the_value_and_what_is_allowed(string name, string value, string message)
    {
        var error = Assert.Throws<WorkerSettingsException>(() => Read(new Dictionary<string, string?> { [name] = value }))!;

        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void Every_setting_is_checked_in_every_mode_not_only_where_it_is_used()
    {
        // No RUNPOD_WEBHOOK_GET_JOB: not a queue worker, and its knobs are still checked.
        var error = Assert.Throws<WorkerSettingsException>(() => Read(new Dictionary<string, string?> { ["FLASH_POST_TIMEOUT_MS"] = "soon" }))!;

        Assert.That(error.Message, Is.EqualTo("FLASH_POST_TIMEOUT_MS is 'soon', which is not a whole number of milliseconds from 1 to 2147483647."));
    }

    private static WorkerSettings Read(Dictionary<string, string?> values) =>
        WorkerSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
