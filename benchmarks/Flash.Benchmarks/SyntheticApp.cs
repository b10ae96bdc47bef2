using System.Globalization;
using System.Text;

namespace Flash.Benchmarks;

/// <summary>One source file of a synthetic app.</summary>
/// <param name="Path">Where the file lives, relative to the project.</param>
/// <param name="Text">Its C# text.</param>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// An app of the size being measured: N endpoints, one per file, spread evenly over queue-based functions, queue-based
/// classes and load-balanced classes, one network volume per ten endpoints, and ten ordinary classes per endpoint. The
/// peer app has the same ordinary classes and N HTTP-triggered Azure Functions in their place. Every file carries a
/// marker the edits toggle, so an edit changes one token inside one method body or one attribute argument.
/// </summary>
public static class SyntheticApp
{
    /// <summary>The token an edit inside a method body toggles (in ordinary classes and endpoint methods alike).</summary>
    public const string BodyMarker = "seed + 1;";

    /// <summary>What the body marker becomes.</summary>
    public const string BodyMarkerEdited = "seed + 2;";

    /// <summary>The attribute argument edit (c) toggles; written on every class endpoint.</summary>
    public const string AttributeMarker = "WorkersMax = 3";

    /// <summary>What the attribute argument becomes.</summary>
    public const string AttributeMarkerEdited = "WorkersMax = 4";

    /// <summary>The ordinary class whose method edit (a) changes: one in the middle of the app.</summary>
    public static string UnrelatedFile(int n) => OrdinaryPath(n * 5);

    /// <summary>The queue-based function endpoint whose method body edit (b) changes.</summary>
    public static string EndpointBodyFile(int n) => EndpointPath(FunctionIndexNear(n / 2));

    /// <summary>The class endpoint whose WorkersMax edit (c) changes (index 1 modulo 30: a class endpoint that sets it).</summary>
    public static string EndpointAttributeFile(int n) => EndpointPath(n / 2 - (n / 2 % 30) + 1);

    /// <summary>Number of network volumes in an app of <paramref name="n"/> endpoints.</summary>
    public static int VolumeCount(int n) => Math.Max(1, n / 10);

    /// <summary>The Flash app: endpoints, volumes, shared records, ordinary classes.</summary>
    public static IReadOnlyList<SourceFile> Flash(int n)
    {
        var files = new List<SourceFile>(n * 11 + 2)
        {
            new("Volumes.cs", Volumes(n)),
            new("Records.cs", Records),
        };
        for (var i = 0; i < n; i++)
        {
            files.Add(new SourceFile(EndpointPath(i), Endpoint(i)));
        }

        files.AddRange(Ordinary(n));
        return files;
    }

    /// <summary>
    /// The Flash app with nothing of Flash: the same classes, methods and records, without the <c>[Endpoint]</c>,
    /// route and <c>[NetworkVolume]</c> attributes and their <c>using Flash;</c>, so it compiles with no Flash reference.
    /// </summary>
    public static IReadOnlyList<SourceFile> WithoutFlash(int n) =>
        Flash(n).Select(f => f with { Text = string.Join('\n', f.Text.Split('\n').Where(line => !IsFlashLine(line.Trim()))) }).ToList();

    private static bool IsFlashLine(string line) =>
        line == "using Flash;" ||
        line.StartsWith("[assembly: NetworkVolume(", StringComparison.Ordinal) ||
        line.StartsWith("[Endpoint(", StringComparison.Ordinal) ||
        line.StartsWith("[Get(", StringComparison.Ordinal) ||
        line.StartsWith("[Post(", StringComparison.Ordinal);

    /// <summary>The peer app: N HTTP-triggered Azure Functions and the same ordinary classes.</summary>
    public static IReadOnlyList<SourceFile> Azure(int n)
    {
        var files = new List<SourceFile>(n * 11);
        for (var i = 0; i < n; i++)
        {
            files.Add(new SourceFile(EndpointPath(i), AzureFunction(i)));
        }

        files.AddRange(Ordinary(n));
        return files;
    }

    private static IEnumerable<SourceFile> Ordinary(int n)
    {
        for (var j = 0; j < n * 10; j++)
        {
            yield return new SourceFile(OrdinaryPath(j), OrdinaryClass(j));
        }
    }

    private static string EndpointPath(int i) => $"Endpoints/Endpoint{I(i)}.cs";

    private static string OrdinaryPath(int j) => $"Domain/G{I(j / 100)}/Service{I(j)}.cs";

    private static int FunctionIndexNear(int i) => i - (i % 3);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Volumes(int n)
    {
        var text = new StringBuilder("using Flash;\n\n");
        for (var v = 0; v < VolumeCount(n); v++)
        {
            text.Append("[assembly: NetworkVolume(\"vol-").Append(I(v)).Append("\", SizeGb = 50, DataCenter = DataCenter.EuRo1)]\n");
        }

        return text.ToString();
    }

    private const string Records = """
        namespace App.Endpoints;

        /// <summary>A job's input.</summary>
        public sealed record Input(string Text, int Count);

        /// <summary>A job's result.</summary>
        public sealed record Output(string Message, int Length);

        """;

    // Every tenth endpoint attaches a volume and runs where it lives; the others vary GPU, CPU and scaling settings.
    private static string Settings(int i) => (i % 10) switch
    {
        0 => $"Gpu = GpuType.NvidiaGeForceRtx4090, DataCenter = DataCenter.EuRo1, Volume = \"vol-{I(i / 10)}\"",
        1 or 4 or 7 => "Cpu = CpuInstanceType.Cpu3c_2_4, " + AttributeMarker,
        2 or 5 => "GpuGroup = GpuGroup.Ada24, WorkersMin = 0, WorkersMax = 2, IdleTimeoutSeconds = 30",
        _ => "Gpus = [GpuType.NvidiaRtxA4000, GpuType.NvidiaRtx4000Ada], Env = [\"MODE=fast\", \"LEVEL=" + I(i % 7) + "\"]",
    };

    private static string Endpoint(int i) => (i % 3) switch
    {
        0 => $$"""
            using Flash;

            namespace App.Endpoints;

            public static class Job{{I(i)}}
            {
                [Endpoint("job-{{I(i)}}", {{Settings(i)}})]
                public static async Task<Output> Run(Input input, CancellationToken ct)
                {
                    var seed = input.Count;
                    var total = {{BodyMarker}}
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    return new Output(input.Text + total.ToString(), input.Text.Length);
                }
            }

            """,
        1 => $$"""
            using Flash;

            namespace App.Endpoints;

            [Endpoint("worker-{{I(i)}}", {{Settings(i)}})]
            public sealed class Worker{{I(i)}}
            {
                public Output Resize(Input input)
                {
                    var seed = input.Count;
                    var total = {{BodyMarker}}
                    return new Output(input.Text, total);
                }

                public Task<Output> Describe(string text, int count = 1) => Task.FromResult(new Output(text, count));
            }

            """,
        _ => $$"""
            using Flash;

            namespace App.Endpoints;

            [Endpoint("api-{{I(i)}}", {{Settings(i)}})]
            public sealed class Api{{I(i)}}
            {
                [Post("/generate")]
                public Task<Output> Generate(Input input)
                {
                    var seed = input.Count;
                    var total = {{BodyMarker}}
                    return Task.FromResult(new Output(input.Text, total));
                }

                [Get("/health")]
                public string Health() => "ok";
            }

            """,
    };

    private static string AzureFunction(int i) => $$"""
        using System.Net;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Http;

        namespace App.Functions;

        public sealed class Function{{I(i)}}
        {
            [Function("fn-{{I(i)}}")]
            public async Task<HttpResponseData> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "fn-{{I(i)}}")] HttpRequestData request)
            {
                var seed = {{I(i)}};
                var total = {{BodyMarker}}
                var response = request.CreateResponse(HttpStatusCode.OK);
                await response.WriteStringAsync(total.ToString());
                return response;
            }
        }

        """;

    private static string OrdinaryClass(int j) => $$"""
        namespace App.Domain.G{{I(j / 100)}};

        /// <summary>An ordinary class the generators have nothing to do with.</summary>
        public sealed class Service{{I(j)}}
        {
            private readonly Dictionary<string, int> _counts = new();

            public int Compute(int x)
            {
                var seed = x;
                var total = {{BodyMarker}}
                for (var i = 0; i < {{I(j % 17 + 3)}}; i++)
                {
                    total += i * x;
                }

                return total;
            }

            public string Describe(string name)
            {
                _counts[name] = _counts.TryGetValue(name, out var count) ? count + 1 : 1;
                return $"{name} seen {_counts[name]} times by {{I(j)}}";
            }

            public IEnumerable<int> Evens(IEnumerable<int> values) => values.Where(v => v % 2 == 0).Select(v => v * {{I(j % 5 + 1)}});
        }

        """;
}
