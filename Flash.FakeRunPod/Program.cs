using System.Globalization;
using Flash.FakeRunPod.Management;

// Runs the fake of RunPod's management API (what flash deploy calls) until Ctrl+C (or SIGTERM). Usage: Flash.FakeRunPod [--port N] [--api-key KEY]
var port = 0;
string? apiKey = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535:
            port = p;
            i++;
            break;
        case "--api-key" when i + 1 < args.Length:
            apiKey = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: Flash.FakeRunPod [--port N] [--api-key KEY]");
            return 2;
    }
}

await using var server = await FakeManagementServer.StartAsync(port, apiKey);
Console.WriteLine($"Fake RunPod API listening: RUNPOD_API_BASE_URL={server.BaseUrl} RUNPOD_REST_API_URL={server.RestUrl}");
await server.WaitForShutdownAsync();
Console.WriteLine($"Fake RunPod API stopped after {server.Requests.Count} request(s).");
return 0;
