using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Flash.Cli.RunPod;

namespace Flash.Cli.Commands;

/// <summary>
/// The settings flash reads from its surroundings, printed under every command's help: they change what each command
/// does but appear on no command line.
/// </summary>
internal static class SettingsHelp
{
    /// <summary>The "Settings:" section, from the names and defaults the settings are read with.</summary>
    public static string Text { get; } = string.Join("\n",
    [
        "Settings (environment variables):",
        Row(Credentials.Variable, $"The RunPod API key. When it is not set: {Credentials.ConfigEntry} in {Credentials.ConfigFile}."),
        Row(ApiSettings.ApiBaseVariable, $"RunPod's API; GraphQL is at {{value}}/graphql. Default: {ApiSettings.DefaultApiBase}"),
        Row(ApiSettings.RestVariable, $"RunPod's REST API (network volumes). Default: {ApiSettings.DefaultRest}, or " +
            $"{{{ApiSettings.ApiBaseVariable}}}{ApiSettings.RestPathUnderApiBase} when that points elsewhere."),
        Row(ApiSettings.EndpointBaseVariable, $"The base of the endpoint URLs flash prints. Default: {ApiSettings.DefaultEndpointBase}, or " +
            $"{{{ApiSettings.ApiBaseVariable}}}{ApiSettings.EndpointPathUnderApiBase} when that points elsewhere."),
    ]) + "\n";

    /// <summary>Makes the help option of <paramref name="root"/> (and so of every command) print the settings after the usual help.</summary>
    public static void AddTo(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithSettings((SynchronousCommandLineAction)help.Action!);
    }

    private static string Row(string name, string text) => $"  {name,-26}{text}";

    private sealed class WithSettings(SynchronousCommandLineAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(Text);
            return code;
        }
    }
}
