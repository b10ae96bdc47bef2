using System.CommandLine;
using System.Text.Json.Nodes;
using Flash.Cli.Deploy;
using Flash.Cli.RunPod;
using Flash.Cli.State;

namespace Flash.Cli.Commands;

/// <summary><c>flash env list</c> and <c>flash env delete NAME</c>: the app's deployment environments, from their states.</summary>
internal static class EnvCommand
{
    /// <summary>The fields of a recorded endpoint that the account's endpoint list shows, so a change made outside flash is seen.</summary>
    private static readonly string[] ListedFields = ["name", "type", "workersMin", "workersMax"];

    public static Command Create(CliEnvironment env, HttpMessageHandler? handler) => new("env", "The app's deployment environments (flash deploy --env NAME).")
    {
        ListCommand(env, handler),
        DeleteCommand(env, handler),
    };

    private static Command ListCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var command = new Command("list", "List the environments deployed from here with their endpoints, each checked against RunPod: live, drifted or gone.");
        command.SetAction((result, ct) => FlashCommandLine.Guarded(env, async () =>
        {
            var states = StateStore.Environments(env).Select(e =>
            {
                using var store = StateStore.Open(env, e);
                return (Environment: e, Path: env.Display(store.Path), State: store.Load());
            }).ToList();
            if (states.Count == 0)
            {
                env.Out.WriteLine($"No environment deployed from here: {StateStore.DirectoryName}/ holds no state.");
                return 0;
            }

            using var api = FlashCommandLine.CreateApi(env, ApiSettings.FromEnvironment(env), handler);
            var remote = await api.ListEndpointsAsync(ct).ConfigureAwait(false);
            env.Out.WriteLine($"Environments of app {states.Select(s => s.State.App).FirstOrDefault(a => a is not null)}");
            ConsoleTable.Write(env.Out, ["ENVIRONMENT", "STATE", "ENDPOINT", "ENDPOINT ID", "ON RUNPOD"], states.SelectMany(s =>
                s.State.Endpoints.Count == 0
                    ? [[s.Environment.Name, s.Path, "-", "-", "no endpoint recorded"]]
                    : s.State.Endpoints.Select((e, i) => (IReadOnlyList<string>)
                    [
                        i == 0 ? s.Environment.Name : "",
                        i == 0 ? s.Path : "",
                        e.Key,
                        e.Value.Id,
                        Check(e.Value, remote.FirstOrDefault(r => r.Id == e.Value.Id)),
                    ])));
            return 0;
        }));
        return command;
    }

    private static Command DeleteCommand(CliEnvironment env, HttpMessageHandler? handler)
    {
        var name = new Argument<string>("NAME") { Description = "The environment to delete." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking." };
        var command = new Command("delete", "Delete an environment: its endpoints and their templates on RunPod, then its state. Network volumes are kept.") { name, yes };
        command.SetAction((result, ct) => FlashCommandLine.Guarded(env, async () =>
        {
            var environment = AppEnvironment.Parse(result.GetValue(name)!, "NAME");
            using var store = StateStore.Open(env, environment);
            if (!store.Exists)
            {
                var known = StateStore.Environments(env).Select(e => e.Name).ToList();
                throw new FlashCliException(
                    $"No environment '{environment.Name}' was deployed from here ({env.Display(store.Path)} does not exist)." +
                    (known.Count > 0 ? $" Deployed: {string.Join(", ", known)}." : ""));
            }

            var state = store.Load();
            using var api = FlashCommandLine.CreateApi(env, ApiSettings.FromEnvironment(env), handler);
            store.ThrowIfLocked();
            env.Out.WriteLine($"To delete: environment {environment.Name} of app {state.App}: " +
                (state.Endpoints.Count == 0 ? "no endpoint is recorded" : "endpoints " + Described(state)) + $", and {env.Display(store.Path)}.");
            if (!result.GetValue(yes) && !FlashCommandLine.Confirm(env, $"Delete environment {environment.Name} on RunPod?"))
            {
                env.Out.WriteLine("Nothing was changed.");
                return 1;
            }

            store.LockForChanges();
            var undeployer = new Undeployer(api, store, state, env, $"flash env delete {environment.Name}");
            foreach (var endpoint in state.Endpoints.Keys.Order(StringComparer.Ordinal).ToList())
            {
                try
                {
                    await undeployer.DeleteAsync(endpoint, ct).ConfigureAwait(false);
                }
                catch (FlashCliException e)
                {
                    throw new FlashCliException(
                        $"{e.Message}\nEnvironment {environment.Name} is not deleted: these endpoints were not deleted and are still recorded in {env.Display(store.Path)}: {Described(state)}.");
                }
            }

            store.Delete();
            env.Out.WriteLine($"Deleted environment {environment.Name}. Network volumes are never deleted by flash (RunPod requires deleting them by hand, in the console)" +
                (state.Volumes.Count > 0 ? ": " + string.Join(", ", state.Volumes.Select(v => $"{v.Name ?? v.Id} ({v.Id})")) : "") + ".");
            return 0;
        }));
        return command;
    }

    private static string Described(DeployState state) =>
        string.Join(", ", state.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} ({e.Value.Id})"));

    /// <summary>live, gone, or drifted with what RunPod shows that differs from what flash last sent.</summary>
    private static string Check(EndpointState recorded, RemoteEndpoint? remote)
    {
        if (remote is null)
        {
            return "gone (deleted outside flash)";
        }

        var shown = new Dictionary<string, string?>
        {
            ["name"] = remote.Name,
            ["type"] = remote.Type,
            ["workersMin"] = remote.WorkersMin?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["workersMax"] = remote.WorkersMax?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var drift = ListedFields
            .Select(field => (Field: field, Remote: shown[field], Sent: Text(recorded.Config[field])))
            .Where(f => f.Remote is not null && f.Sent is not null && f.Remote != f.Sent)
            .Select(f => $"{f.Field} {f.Remote} on RunPod, {f.Sent} deployed")
            .ToList();
        return drift.Count == 0 ? "live" : "drifted: " + string.Join("; ", drift);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : node?.ToJsonString();
}
