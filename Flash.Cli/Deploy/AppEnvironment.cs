using Flash.Cli.Commands;
using Flash.Client;

namespace Flash.Cli.Deploy;

/// <summary>
/// One deployment environment of an app (<c>flash deploy --env NAME</c>): its own endpoints, pod templates and state.
/// <c>production</c>, the default, is deployed exactly as before environments existed (same names, same state file), so
/// an app deployed then is its production. Every other environment suffixes its endpoint and template names with
/// <c>-NAME</c> and marks its workers with <c>FLASH_ENVIRONMENT=NAME</c>, so two environments of one app never match
/// each other's endpoints.
/// </summary>
internal sealed record AppEnvironment
{
    /// <summary>The variable that marks a worker of an environment other than production (absent: production).</summary>
    public const string Variable = EndpointSettings.EnvironmentVariable;

    public const string DefaultName = EndpointSettings.DefaultEnvironment;

    private AppEnvironment(string name) => Name = name;

    public static AppEnvironment Production { get; } = new(DefaultName);

    public string Name { get; }

    public bool IsProduction => Name == DefaultName;

    /// <summary>The environment named <paramref name="name"/>; a name other than lower-case letters, digits and '-' is refused.</summary>
    /// <param name="name">The name.</param>
    /// <param name="source">Where the name was given, for the error.</param>
    public static AppEnvironment Parse(string name, string source = "--env")
    {
        return EndpointSettings.IsEnvironmentName(name)
            ? new AppEnvironment(name)
            : throw new FlashCliException(
                $"{source}: '{name}' is not an environment name. Use lower-case letters, digits and '-' (not first or last), e.g. staging or pr-42.");
    }

    /// <summary>The state file, relative to the app's directory (shared with the clients, which read it).</summary>
    public string StateFile => EndpointSettings.StateFileOf(Name);

    /// <summary>The name RunPod shows for the app's endpoint <paramref name="endpoint"/> in this environment.</summary>
    public string RemoteNameOf(string endpoint) => IsProduction ? endpoint : $"{endpoint}-{Name}";

    /// <summary>The worker variable that marks this environment, or none for production.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WorkerVariables => IsProduction ? [] : [new(Variable, Name)];

    /// <summary>Whether a template's <see cref="Variable"/> value (null when absent) marks this environment.</summary>
    public bool IsMarkedBy(string? value) => (value ?? DefaultName) == Name;
}
