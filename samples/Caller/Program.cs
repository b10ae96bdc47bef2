using Caller;
using Flash.Client;
using Quickstart;

// Calls every endpoint kind of samples/Quickstart through generated clients. Where the endpoints are: FLASH_DEV_URL
// (a running `flash dev`), FLASH_ENDPOINT_<NAME> variables, or the .flash/state.json that `flash deploy` wrote for
// Quickstart. The API key: RUNPOD_API_KEY, else ~/.runpod/config.toml (flash dev needs none).
using var flash = new FlashClient(new FlashClientOptions { StatePath = Path.Combine("..", "Quickstart", ".flash", "state.json") });

var storage = flash.Get<ILargeTempStorage>();
var result = await storage.ProcessAsync(new Request("hello"));
Console.WriteLine($"large-temp-storage /runsync: {result.Message} ({result.Length} characters)");

var job = await storage.StartAsync(new Request("later"));
var later = await job.WaitAsync(TimeSpan.FromMinutes(2));
Console.WriteLine($"large-temp-storage /run: job {job.Id} gave {later.Message}");

var words = new List<string>();
await foreach (var word in flash.Get<IWords>().WordsAsync(new Request("one two three")))
{
    words.Add(word);
}

Console.WriteLine($"word-stream /stream: {string.Join(" | ", words)}");

var api = flash.Get<IInferenceApi>();
var generated = await api.GenerateAsync("Once");
var models = await api.ModelsAsync();
Console.WriteLine($"inference-api POST /generate: {generated.Text}");
Console.WriteLine($"inference-api GET /models: {string.Join(", ", models)}");
