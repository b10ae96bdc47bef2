extern alias cli;

using System.Net;
using System.Net.Sockets;
using cli::Flash.Cli.Commands;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Dev;

/// <summary>flash dev refuses what it cannot start with in one clear line.</summary>
public sealed class FlashDevOptionsTests
{
    [TestCase("--port", "70000", "error: --port 70000 is not a port (0 to 65535).")]
    [TestCase("--host", "not-an-address", "error: --host not-an-address is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface).")]
    [TestCase("--port", "abc", "error: Cannot parse argument 'abc' for option '--port' as expected type 'System.Int32'. (flash dev --help lists the options.)")]
    [TestCase("--env", "Staging", "error: --env: 'Staging' is not an environment name. Use lower-case letters, digits and '-' (not first or last), e.g. staging or pr-42.")]
    public async Task A_bad_option_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        var (code, _, error) = await RunAsync(RepoPaths.Sample, "dev", "--manifest", FlashDevSession.ManifestPath, option, value);
        Assert.That((code, error), Is.EqualTo((2, message + Environment.NewLine)));
    }

    [TestCase("staging", "staging")]
    [TestCase("production", null)]
    public void The_workers_run_as_the_environment_flash_dev_is_given(string environment, string? expected)
    {
        var app = cli::Flash.Cli.Manifest.ManifestReader.Read(FlashDevSession.ManifestPath, "flash_manifest.json");
        var endpoint = app.Endpoints.Single(e => e.Name == "word-stream");

        var variables = cli::Flash.Cli.Dev.DevCommand.Variables(
            app, endpoint, cli::Flash.Cli.Deploy.AppEnvironment.Parse(environment), "http://127.0.0.1:8000", "secret", 0);

        // null removes a FLASH_ENVIRONMENT flash dev inherited: a production worker has none, as deployed.
        Assert.That(variables, Does.ContainKey("FLASH_ENVIRONMENT"));
        Assert.That(variables["FLASH_ENVIRONMENT"], Is.EqualTo(expected));
        Assert.That(variables["FLASH_RESOURCE_NAME"], Is.EqualTo("word-stream"));
        Assert.That(variables["FLASH_DEV_URL"], Is.EqualTo("http://127.0.0.1:8000"));
    }

    [Test]
    public async Task A_port_in_use_is_one_line_and_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, error) = await RunAsync(RepoPaths.Sample, "dev", "--manifest", FlashDevSession.ManifestPath, "--port", port);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"error: flash dev cannot listen on 127.0.0.1:{port} (").And.EndWith("); choose another --port." + Environment.NewLine));
    }

    [Test]
    public async Task A_manifest_without_its_built_app_says_to_run_dotnet_build()
    {
        var root = Directory.CreateTempSubdirectory("flash-dev-");
        try
        {
            var flash = Directory.CreateDirectory(Path.Combine(root.FullName, "flash"));
            File.Copy(FlashDevSession.ManifestPath, Path.Combine(flash.FullName, "flash_manifest.json"));

            var (code, _, error) = await RunAsync(root.FullName, "dev", "--manifest", "flash/flash_manifest.json");

            Assert.That((code, error), Is.EqualTo((1,
                "error: The app 'Quickstart' of the manifest flash/flash_manifest.json is not built: there is no Quickstart.dll. " +
                "Run dotnet build in the app's project directory, then flash dev again." + Environment.NewLine)));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Help_lists_the_dev_command()
    {
        var (code, output, _) = await RunAsync(RepoPaths.Sample, "--help");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("dev").And.Contain("Run the built app locally as RunPod would"));
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(directory, Environment.GetEnvironmentVariable, Path.GetTempPath(), TextReader.Null, output, error);
        var code = await FlashCommandLine.RunAsync(args, env);
        return (code, output.ToString(), error.ToString());
    }
}
