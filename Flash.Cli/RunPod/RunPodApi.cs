using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flash.Cli.RunPod;

/// <summary>
/// The calls <c>flash</c> makes to RunPod: network volumes over REST, endpoints and templates over GraphQL
/// (docs/deploy.md lists them). Reads and calls that are safe to repeat (updates and deletes by id) are retried on
/// transport errors, 429 and 5xx; calls that create something are sent once, because a lost answer would otherwise
/// create it twice. The API key goes into the Authorization header and nowhere else; error messages are scrubbed of it.
/// </summary>
internal sealed class RunPodApi : IDisposable
{
    private const string ListEndpointsQuery =
        "query flashEndpoints { myself { endpoints { id name templateId type workersMin workersMax } } }";

    private const string GetTemplateQuery =
        "query getTemplate($id: String!) { podTemplate(id: $id) { id name imageName env { key value } } }";

    private const string EndpointExistsQuery =
        "query getEndpoint($id: String!) { myself { endpoint(id: $id) { id } } }";

    private const string SaveEndpointMutation =
        "mutation saveEndpoint($input: EndpointInput!) { saveEndpoint(input: $input) { id name templateId } }";

    private const string SaveTemplateMutation =
        "mutation saveTemplate($input: SaveTemplateInput) { saveTemplate(input: $input) { id name } }";

    private const string DeleteEndpointMutation =
        "mutation deleteEndpoint($id: String!) { deleteEndpoint(id: $id) }";

    private const string DeleteTemplateMutation =
        "mutation deleteTemplate($templateName: String!) { deleteTemplate(templateName: $templateName) }";

    private readonly HttpClient _http;
    private readonly ApiSettings _settings;
    private readonly string _apiKey;

    public RunPodApi(ApiSettings settings, string apiKey, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _apiKey = apiKey;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(60);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("flash-dotnet", typeof(RunPodApi).Assembly.GetName().Version?.ToString(3)));
    }

    /// <summary>Pauses before the second and third try of a repeatable call.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    public async Task<IReadOnlyList<RemoteVolume>> ListNetworkVolumesAsync(CancellationToken ct)
    {
        var body = await RestAsync(HttpMethod.Get, "networkvolumes", null, "listing network volumes", repeatable: true, ct).ConfigureAwait(false);
        var list = body as JsonArray ?? body?["networkVolumes"] as JsonArray
            ?? throw Unexpected("listing network volumes", "a JSON array of volumes");
        return list.OfType<JsonObject>().Select(ToVolume).ToList();
    }

    public async Task<RemoteVolume> CreateNetworkVolumeAsync(JsonObject payload, CancellationToken ct)
    {
        var body = await RestAsync(HttpMethod.Post, "networkvolumes", payload, "creating the network volume", repeatable: false, ct).ConfigureAwait(false);
        return body is JsonObject volume && volume["id"] is not null
            ? ToVolume(volume)
            : throw Unexpected("creating the network volume", "the new volume with its id");
    }

    public async Task<IReadOnlyList<RemoteEndpoint>> ListEndpointsAsync(CancellationToken ct)
    {
        var data = await GraphQlAsync(ListEndpointsQuery, new JsonObject(), "listing endpoints", repeatable: true, ct).ConfigureAwait(false);
        var list = data["myself"]?["endpoints"] as JsonArray ?? throw Unexpected("listing endpoints", "myself.endpoints");
        return list.OfType<JsonObject>()
            .Select(e => new RemoteEndpoint(Text(e, "id"), Text(e, "name"), OptionalText(e, "templateId"), OptionalText(e, "type"),
                OptionalInt(e, "workersMin"), OptionalInt(e, "workersMax")))
            .ToList();
    }

    public async Task<RemoteTemplate?> GetTemplateAsync(string templateId, CancellationToken ct)
    {
        var data = await GraphQlAsync(GetTemplateQuery, new JsonObject { ["id"] = templateId }, $"reading template {templateId}", repeatable: true, ct)
            .ConfigureAwait(false);
        if (data["podTemplate"] is not JsonObject template)
        {
            return null;
        }

        var env = (template["env"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(kv => new KeyValuePair<string, string>(Text(kv, "key"), OptionalText(kv, "value") ?? ""))
            .ToList();
        return new RemoteTemplate(Text(template, "id"), OptionalText(template, "name"), OptionalText(template, "imageName"), env);
    }

    public async Task<bool> EndpointExistsAsync(string endpointId, CancellationToken ct)
    {
        var data = await GraphQlAsync(EndpointExistsQuery, new JsonObject { ["id"] = endpointId }, $"looking up endpoint {endpointId}", repeatable: true, ct)
            .ConfigureAwait(false);
        return data["myself"]?["endpoint"]?["id"]?.GetValue<string>() == endpointId;
    }

    /// <summary>saveEndpoint: creates (no id in the input; sent once) or updates (with id; repeatable).</summary>
    public async Task<SavedEndpoint> SaveEndpointAsync(JsonObject input, CancellationToken ct)
    {
        var updating = input.ContainsKey("id");
        var what = updating ? "saveEndpoint (update)" : "saveEndpoint (create)";
        var data = await GraphQlAsync(SaveEndpointMutation, new JsonObject { ["input"] = input }, what, repeatable: updating, ct).ConfigureAwait(false);
        return data["saveEndpoint"] is JsonObject saved && OptionalText(saved, "id") is { } id && OptionalText(saved, "templateId") is { } templateId
            ? new SavedEndpoint(id, templateId)
            : throw Unexpected(what, "the endpoint's id and templateId");
    }

    /// <summary>saveTemplate for an existing template (with id; repeatable).</summary>
    public async Task SaveTemplateAsync(JsonObject input, CancellationToken ct)
    {
        var data = await GraphQlAsync(SaveTemplateMutation, new JsonObject { ["input"] = input }, "saveTemplate", repeatable: input.ContainsKey("id"), ct)
            .ConfigureAwait(false);
        if (data["saveTemplate"] is not JsonObject)
        {
            throw Unexpected("saveTemplate", "the saved template");
        }
    }

    public Task DeleteEndpointAsync(string endpointId, CancellationToken ct) =>
        GraphQlAsync(DeleteEndpointMutation, new JsonObject { ["id"] = endpointId }, "deleteEndpoint", repeatable: true, ct);

    public Task DeleteTemplateAsync(string templateName, CancellationToken ct) =>
        GraphQlAsync(DeleteTemplateMutation, new JsonObject { ["templateName"] = templateName }, "deleteTemplate", repeatable: true, ct);

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> GraphQlAsync(string query, JsonObject variables, string what, bool repeatable, CancellationToken ct)
    {
        var request = new JsonObject { ["query"] = query, ["variables"] = variables };
        var body = await SendAsync(HttpMethod.Post, _settings.GraphQl, request, what, repeatable, ct).ConfigureAwait(false);
        if (body?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var messages = errors.Select(e => e?["message"]?.GetValue<string>() ?? e?.ToJsonString() ?? "").Where(m => m.Length > 0);
            throw new RunPodApiException($"{what} failed: {Scrub(string.Join("; ", messages))}");
        }

        return body?["data"] as JsonObject ?? throw Unexpected(what, "a data object");
    }

    private Task<JsonNode?> RestAsync(HttpMethod method, string path, JsonObject? payload, string what, bool repeatable, CancellationToken ct) =>
        SendAsync(method, new Uri(_settings.Rest.AbsoluteUri.TrimEnd('/') + "/" + path), payload, what, repeatable, ct);

    private async Task<JsonNode?> SendAsync(HttpMethod method, Uri url, JsonObject? payload, string what, bool repeatable, CancellationToken ct)
    {
        var payloadText = payload?.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            if (payloadText is not null)
            {
                request.Content = new StringContent(payloadText, Encoding.UTF8, "application/json");
            }

            string failure;
            try
            {
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Parse(text, what);
                }

                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Scrub(Shorten(ServerMessage(text)))}" +
                    (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                        ? $" (check the API key in {Credentials.Variable} or ~/.runpod/config.toml)"
                        : "");
                if (!IsTransient(response.StatusCode))
                {
                    throw new RunPodApiException($"{what} failed: {failure}");
                }
            }
            catch (HttpRequestException e)
            {
                failure = Scrub(e.Message);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"no answer within {_http.Timeout.TotalSeconds:0} s";
            }

            if (!repeatable || attempt >= RetryDelays.Count)
            {
                var note = repeatable
                    ? $" (tried {attempt + 1} times)"
                    : " (not retried: repeating it could create a second resource)";
                throw new RunPodApiException($"{what} failed: {failure}{note}");
            }

            await Task.Delay(RetryDelays[attempt], ct).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private JsonNode? Parse(string text, string what)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new RunPodApiException($"{what}: the answer is not JSON: {Scrub(Shorten(text))}");
        }
    }

    /// <summary>The error text of a failed call: GraphQL or REST error messages when the body has them, else the body.</summary>
    private static string ServerMessage(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            if (node?["errors"] is JsonArray errors)
            {
                return string.Join("; ", errors.Select(e => e?["message"]?.ToString() ?? e?.ToJsonString()));
            }

            if (node?["error"] is { } error)
            {
                return error.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return text;
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";

    /// <summary>Removes the API key from text that came from elsewhere (a server may echo a request back).</summary>
    private string Scrub(string text) => text.Replace(_apiKey, "***", StringComparison.Ordinal);

    private static RunPodApiException Unexpected(string what, string expected) =>
        new($"{what}: RunPod's answer lacks {expected}.");

    private static RemoteVolume ToVolume(JsonObject v) =>
        new(Text(v, "id"), OptionalText(v, "name"), OptionalInt(v, "size"), OptionalText(v, "dataCenterId"));

    private static string Text(JsonObject o, string key) =>
        OptionalText(o, key) ?? throw new RunPodApiException($"RunPod's answer lacks '{key}': {o.ToJsonString()}");

    private static string? OptionalText(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static int? OptionalInt(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue(out int i) ? i : null;
}

/// <summary>A RunPod call failed; the message names the call and RunPod's reason (never the key).</summary>
internal sealed class RunPodApiException(string message) : Exception(message);

/// <summary>A network volume of the account.</summary>
internal sealed record RemoteVolume(string Id, string? Name, int? Size, string? DataCenterId);

/// <summary>An endpoint of the account (as listed by GraphQL).</summary>
internal sealed record RemoteEndpoint(string Id, string Name, string? TemplateId, string? Type, int? WorkersMin, int? WorkersMax);

/// <summary>A pod template of the account.</summary>
internal sealed record RemoteTemplate(string Id, string? Name, string? ImageName, IReadOnlyList<KeyValuePair<string, string>> Env);

/// <summary>What saveEndpoint returns: the endpoint's id and its template's id.</summary>
internal sealed record SavedEndpoint(string Id, string TemplateId);
