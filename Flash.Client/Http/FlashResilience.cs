using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Flash.Client;

/// <summary>
/// The fault handling of every request: retried only when sending it again cannot do anything twice. A GET or a
/// cancellation may be repeated after any transient fault; any request may be repeated when its connection was never
/// established (nothing reached the server). A <c>/run</c> or <c>/runsync</c> POST that reached the server is never sent
/// again: it may have queued a job.
/// </summary>
internal static class FlashResilience
{
    /// <summary>The name of the handler and of the <see cref="HttpClient"/> that <c>AddFlashClients</c> registers.</summary>
    public const string Name = "Flash.Client";

    /// <summary>Adds the retry strategy to a pipeline (the DI handler's, or the one of a client's own <see cref="HttpClient"/>).</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="firstDelay">The pause before the first retry; each next one doubles it.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeSpan firstDelay) =>
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.GetRequestMessage(), args.Outcome)),
        });

    /// <summary>The pipeline of a client's own <see cref="HttpClient"/>.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(TimeSpan firstDelay)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, firstDelay);
        return builder.Build();
    }

    private static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (request is null || (request.Options.TryGetValue(FlashRequestOptions.NoRetry, out var noRetry) && noRetry))
        {
            return false;
        }

        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
        {
            return true;
        }

        var repeatable = request.Method == HttpMethod.Get
            || (request.Options.TryGetValue(FlashRequestOptions.Repeatable, out var marked) && marked);
        return repeatable && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
