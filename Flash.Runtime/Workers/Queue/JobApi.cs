using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Flash.Workers.Queue;

/// <summary>A job as the job server handed it out.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Input">The job's <c>input</c> (a clone that outlives the response), or null when the job has none.</param>
internal sealed record TakenJob(string Id, JsonElement? Input);

/// <summary>What a job take brought.</summary>
internal enum TakeOutcome
{
    /// <summary>One or more jobs (see <see cref="TakeResult.Jobs"/>; all may have been unusable).</summary>
    Jobs,

    /// <summary>No job: 204, 400 (FlashBoot), an empty or non-JSON body.</summary>
    NoJob,

    /// <summary>429: back off.</summary>
    Throttled,

    /// <summary>The request failed: an error status, a transport error, a timeout.</summary>
    Failed,
}

/// <summary>The result of one job take.</summary>
internal sealed record TakeResult(TakeOutcome Outcome, IReadOnlyList<TakenJob> Jobs)
{
    public static readonly TakeResult NoJob = new(TakeOutcome.NoJob, []);
    public static readonly TakeResult Throttled = new(TakeOutcome.Throttled, []);
    public static readonly TakeResult Failed = new(TakeOutcome.Failed, []);
}

/// <summary>
/// RunPod's job API as a worker speaks it (its worker protocol, as runpod-python speaks it): job take (single and batch), results, stream parts,
/// heartbeats and the job-stop long poll, with the raw API key as the Authorization header.
/// </summary>
internal sealed class JobApi : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(8);

    private readonly QueueSettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public JobApi(QueueSettings settings, ILogger logger, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("flash-dotnet", typeof(JobApi).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (settings.ApiKey is { } key)
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key);
        }
    }

    /// <summary>The take URL with the worker id in place.</summary>
    private string TakeUrl => _settings.GetJobUrl.Replace("$ID", _settings.WorkerId, StringComparison.Ordinal);

    /// <summary>Whether the take URL has RunPod's /job-take/ path, so batch takes and the job-stop poll exist.</summary>
    public bool HasJobTakePath => TakeUrl.Contains("/job-take/", StringComparison.Ordinal);

    /// <summary>Takes up to <paramref name="count"/> jobs.</summary>
    public async Task<TakeResult> TakeAsync(int count, bool jobInProgress, CancellationToken cancellationToken)
    {
        var url = count > 1 && HasJobTakePath
            ? WithQuery(TakeUrl.Replace("/job-take/", "/job-take-batch/", StringComparison.Ordinal), "batch_size", count.ToString(CultureInfo.InvariantCulture))
            : TakeUrl;
        url = WithQuery(url, "job_in_progress", jobInProgress ? "1" : "0");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.TakeTimeout);
        string body;
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent or HttpStatusCode.BadRequest:
                    return TakeResult.NoJob;
                case HttpStatusCode.TooManyRequests:
                    _logger.LogWarning("The job server answered 429 Too Many Requests; taking no job for {Delay} ms.", _settings.ThrottleDelay.TotalMilliseconds);
                    return TakeResult.Throttled;
                case var status when !response.IsSuccessStatusCode:
                    _logger.LogWarning("Job take failed: the job server answered {Status} {Reason}; trying again.", (int)status, response.ReasonPhrase);
                    return TakeResult.Failed;
            }

            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Job take got no answer within {Timeout} ms; trying again.", _settings.TakeTimeout.TotalMilliseconds);
            return TakeResult.Failed;
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning("Job take failed: {Message}; trying again.", ex.Message);
            return TakeResult.Failed;
        }

        return ParseJobs(body);
    }

    /// <summary>Parses a take response: a job object, or an array of them. Unusable entries are logged and skipped.</summary>
    internal TakeResult ParseJobs(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return TakeResult.NoJob;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("The job server answered a take with text that is not JSON ({Message}); taking it as no job: {Body}", ex.Message, Shorten(body));
            return TakeResult.NoJob;
        }

        using (document)
        {
            var root = document.RootElement;
            var entries = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var jobs = new List<TakenJob>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.ValueKind != JsonValueKind.Object ||
                    !entry.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
                {
                    _logger.LogError("The job server handed out a job without an id, so no result can be sent for it; skipped: {Job}", Shorten(entry.GetRawText()));
                    continue;
                }

                var input = entry.TryGetProperty("input", out var value) ? value.Clone() : (JsonElement?)null;
                jobs.Add(new TakenJob(id.GetString()!, input));
            }

            return new TakeResult(TakeOutcome.Jobs, jobs);
        }
    }

    /// <summary>Sends a job's final result; retried on transport errors, timeouts, 429 and 5xx; logged loudly when given up.</summary>
    /// <returns>Whether the job server took it.</returns>
    public Task<bool> PostResultAsync(string jobId, string body, bool isStream)
    {
        if (_settings.PostOutputUrl is null)
        {
            _logger.LogCritical("RUNPOD_WEBHOOK_POST_OUTPUT is not set, so the result of job {JobId} cannot be sent. The result was: {Body}", jobId, body);
            return Task.FromResult(false);
        }

        var url = WithQuery(JobUrl(_settings.PostOutputUrl, jobId), "isStream", isStream ? "true" : "false");
        return PostAsync(url, jobId, body, "result");
    }

    /// <summary>Sends one part of a streaming job; retried like results. A lost part is still in the final result.</summary>
    public Task<bool> PostStreamAsync(string jobId, string body)
    {
        if (_settings.PostStreamUrl is null)
        {
            return Task.FromResult(false);
        }

        return PostAsync(WithQuery(JobUrl(_settings.PostStreamUrl, jobId), "isStream", "false"), jobId, body, "stream part");
    }

    /// <summary>Sends one heartbeat with the in-progress job ids.</summary>
    public async Task PingAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken)
    {
        var url = WithQuery(_settings.PingUrl!.Replace("$RUNPOD_POD_ID", _settings.WorkerId, StringComparison.Ordinal), "job_id", string.Join(",", jobIds.Select(Uri.EscapeDataString)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.PostTimeout);
        try
        {
            using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _logger.LogWarning("Heartbeat answered {Status} {Reason}.", (int)response.StatusCode, response.ReasonPhrase);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            _logger.LogWarning("Heartbeat failed: {Message}", ex.Message);
        }
    }

    /// <summary>One job-stop long poll: the ids of jobs to stop (empty for 204 or a failure).</summary>
    public async Task<IReadOnlyList<string>> PollStopsAsync(CancellationToken cancellationToken)
    {
        var url = TakeUrl.Replace("/job-take/", "/job-stop/", StringComparison.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.TakeTimeout);
        try
        {
            using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return [];
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("jobsToStop", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList()
                : [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            _logger.LogDebug("Job-stop poll failed: {Message}", ex.Message);
            return [];
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> PostAsync(string url, string jobId, string body, string what)
    {
        string? last = null;
        for (var attempt = 1; attempt <= _settings.ResultAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(RetryDelay(attempt - 1)).ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(_settings.PostTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation("X-Request-ID", jobId);
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsRetriable(response.StatusCode))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex is OperationCanceledException ? $"no answer within {_settings.PostTimeout.TotalMilliseconds} ms" : ex.Message;
            }

            _logger.LogWarning("Sending the {What} of job {JobId} failed (try {Attempt} of {Attempts}): {Reason}.", what, jobId, attempt, _settings.ResultAttempts, last);
        }

        _logger.LogCritical(
            "The {What} of job {JobId} could NOT be delivered ({Reason}); the job server never got it. The {What} was: {Body}",
            what, jobId, last, what, body);
        return false;
    }

    private TimeSpan RetryDelay(int retry)
    {
        var delay = _settings.RetryDelay * Math.Pow(2, retry - 1);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private static bool IsRetriable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private string JobUrl(string template, string jobId) =>
        template.Replace("$RUNPOD_POD_ID", _settings.WorkerId, StringComparison.Ordinal)
            .Replace("$ID", Uri.EscapeDataString(jobId), StringComparison.Ordinal);

    private static string WithQuery(string url, string name, string value) =>
        url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + value;

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
