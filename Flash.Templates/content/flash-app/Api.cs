using Flash;

namespace FlashApp;

/// <summary>
/// A load-balanced endpoint: HTTP routes that the workers serve directly. One instance per worker; constructor
/// parameters come from the app's services.
/// </summary>
[Endpoint("api", Cpu = CpuInstanceType.Cpu3c_1_2, WorkersMax = 3)]
public sealed class Api
{
    [Post("/complete")]
    public Completion Complete(string prompt) => new(prompt + " …and so on.", prompt.Length);

    [Get("/models")]
    public string[] Models() => ["flashapp-small", "flashapp-large"];
}
