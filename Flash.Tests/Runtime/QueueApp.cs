using Flash.Tests.Infrastructure;

namespace Flash.Tests.Runtime;

/// <summary>The endpoints the queue-worker tests run: fast, slow, stuck, streaming, throwing, unserializable, batched.</summary>
internal static class QueueApp
{
    public const string Source = """
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;

        namespace QueueApp;

        public sealed record Echoed(string Text, int Length);

        public sealed record Opaque(Action Callback);

        public static class Jobs
        {
            [Endpoint("echo")]
            public static Echoed Echo(string text) => new(text, text.Length);

            [Endpoint("batch", MaxConcurrency = 3)]
            public static async Task<string> Upper(string text, CancellationToken ct)
            {
                await Task.Delay(20, ct);
                return text.ToUpperInvariant();
            }

            [Endpoint("slow", MaxConcurrency = 4)]
            public static async Task<string> Slow(int ms, CancellationToken ct)
            {
                await Task.Delay(ms, ct);
                return "slept " + ms;
            }

            // Ignores cancellation and never finishes: only the execution timeout ends it.
            [Endpoint("stuck", ExecutionTimeoutMs = 200)]
            public static Task<string> Stuck() => new TaskCompletionSource<string>().Task;

            [Endpoint("words")]
            public static async IAsyncEnumerable<string> Words(string text, [EnumeratorCancellation] CancellationToken ct)
            {
                foreach (var word in text.Split(' '))
                {
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    yield return word;
                }
            }

            [Endpoint("words-then-fail")]
            public static async IAsyncEnumerable<int> Failing()
            {
                await Task.Yield();
                yield return 1;
                throw new InvalidOperationException("the stream broke");
            }

            [Endpoint("boom")]
            public static int Boom() => throw new InvalidOperationException("the model is not loaded");

            [Endpoint("opaque")]
            public static Opaque Unserializable() => new(() => { });
        }
        """;

    private static readonly Lazy<GeneratedApp> Shared = new(() => GeneratedApp.Build(Source, "QueueApp"));

    /// <summary>One compiled app for all queue tests (the endpoints are stateless).</summary>
    public static GeneratedApp App => Shared.Value;
}
