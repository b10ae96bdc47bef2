using System.Globalization;
using System.Text.Json.Nodes;

namespace Flash.FakeRunPod.Management;

/// <summary>
/// The resources of one fake RunPod account: network volumes, serverless endpoints and pod templates. Ids are
/// deterministic (<c>vol-0001</c>, <c>ep-0001</c>, <c>tpl-0001</c>), so recorded payloads can be compared with golden files.
/// </summary>
public sealed class FakeAccount
{
    private readonly object _gate = new();
    private readonly List<FakeVolume> _volumes = [];
    private readonly List<FakeEndpoint> _endpoints = [];
    private readonly List<FakeTemplate> _templates = [];
    private int _nextVolume = 1;
    private int _nextEndpoint = 1;
    private int _nextTemplate = 1;

    /// <summary>A snapshot of the volumes.</summary>
    public IReadOnlyList<FakeVolume> Volumes { get { lock (_gate) { return [.. _volumes]; } } }

    /// <summary>A snapshot of the endpoints.</summary>
    public IReadOnlyList<FakeEndpoint> Endpoints { get { lock (_gate) { return [.. _endpoints]; } } }

    /// <summary>A snapshot of the templates.</summary>
    public IReadOnlyList<FakeTemplate> Templates { get { lock (_gate) { return [.. _templates]; } } }

    /// <summary>Adds a network volume, as if made in the console.</summary>
    public FakeVolume AddVolume(string name, string dataCenterId, int size)
    {
        lock (_gate)
        {
            var volume = new FakeVolume(Id("vol", _nextVolume++), name, size, dataCenterId);
            _volumes.Add(volume);
            return volume;
        }
    }

    /// <summary>Adds an endpoint with its template, as if made in the console or by another tool.</summary>
    public FakeEndpoint AddEndpoint(string name, string templateName, IEnumerable<KeyValuePair<string, string>> env, string imageName = "someone/else:1")
    {
        lock (_gate)
        {
            var template = new FakeTemplate(Id("tpl", _nextTemplate++)) { Name = templateName, ImageName = imageName, Env = [.. env] };
            _templates.Add(template);
            var endpoint = new FakeEndpoint(Id("ep", _nextEndpoint++), name) { TemplateId = template.Id };
            endpoint.Fields["name"] = name;
            _endpoints.Add(endpoint);
            return endpoint;
        }
    }

    /// <summary>Sets a variable on a template, as RunPod itself does on load-balanced endpoints (PORT, PORT_HEALTH).</summary>
    public void SetTemplateVariable(string templateId, string key, string value)
    {
        lock (_gate)
        {
            var template = _templates.Find(t => t.Id == templateId) ?? throw new ArgumentException($"No template {templateId}.", nameof(templateId));
            template.Env.RemoveAll(kv => kv.Key == key);
            template.Env.Add(new(key, value));
        }
    }

    /// <summary>Deletes an endpoint, as if someone deleted it in the console.</summary>
    public void RemoveEndpoint(string id)
    {
        lock (_gate)
        {
            _endpoints.RemoveAll(e => e.Id == id);
        }
    }

    internal JsonArray ListVolumes()
    {
        lock (_gate)
        {
            return new JsonArray(_volumes.Select(v => (JsonNode?)v.ToJson()).ToArray());
        }
    }

    internal FakeVolume CreateVolume(JsonObject input)
    {
        var name = input["name"]?.GetValue<string>();
        var dataCenter = input["dataCenterId"]?.GetValue<string>();
        var size = input["size"]?.GetValue<int>() ?? 0;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(dataCenter))
        {
            throw new FakeApiException("name and dataCenterId are required");
        }

        // RunPod's own check, written apart from Flash's limits on purpose: a Flash limit that drifts from the platform's
        // then fails a test instead of agreeing with itself.
        if (size is < 10 or > 4096)
        {
            throw new FakeApiException($"size must be between 10 and 4096 GB, not {size}");
        }

        return AddVolume(name, dataCenter, size);
    }

    internal JsonArray ListEndpoints()
    {
        lock (_gate)
        {
            return new JsonArray(_endpoints.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["name"] = e.Name,
                ["templateId"] = e.TemplateId,
                ["type"] = e.Fields["type"]?.DeepClone(),
                ["workersMin"] = e.Fields["workersMin"]?.DeepClone(),
                ["workersMax"] = e.Fields["workersMax"]?.DeepClone(),
            }).ToArray());
        }
    }

    internal JsonObject? FindEndpoint(string id)
    {
        lock (_gate)
        {
            return _endpoints.Find(e => e.Id == id) is { } e ? new JsonObject { ["id"] = e.Id } : null;
        }
    }

    internal JsonObject? GetTemplate(string id)
    {
        lock (_gate)
        {
            return _templates.Find(t => t.Id == id)?.ToJson();
        }
    }

    /// <summary>saveEndpoint: with an id it updates that endpoint, without one it creates an endpoint and its template.</summary>
    internal JsonObject SaveEndpoint(JsonObject input)
    {
        if (input.ContainsKey("template") && input.ContainsKey("templateId"))
        {
            throw new FakeApiException("template and templateId cannot both be given");
        }

        if (input.ContainsKey("instanceIds") && (input.ContainsKey("gpuIds") || input.ContainsKey("gpuCount")))
        {
            throw new FakeApiException("a CPU endpoint (instanceIds) takes no gpuIds or gpuCount");
        }

        if (input["type"]?.GetValue<string>() == "LB" && input["scalerType"]?.GetValue<string>() == "QUEUE_DELAY")
        {
            throw new FakeApiException("load-balanced endpoints must use REQUEST_COUNT scaling");
        }

        lock (_gate)
        {
            FakeEndpoint endpoint;
            if (input["id"]?.GetValue<string>() is { } id)
            {
                endpoint = _endpoints.Find(e => e.Id == id) ?? throw new FakeApiException($"Endpoint {id} not found");
            }
            else
            {
                var name = input["name"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new FakeApiException("name is required");
                }

                if (input["template"] is not JsonObject && input["templateId"] is null)
                {
                    throw new FakeApiException("a new endpoint needs a template or a templateId");
                }

                endpoint = new FakeEndpoint(Id("ep", _nextEndpoint++), name);
                _endpoints.Add(endpoint);
            }

            if (input["template"] is JsonObject inline)
            {
                var template = new FakeTemplate(Id("tpl", _nextTemplate++));
                template.Apply(inline);
                _templates.Add(template);
                endpoint.TemplateId = template.Id;
            }
            else if (input["templateId"]?.GetValue<string>() is { } templateId)
            {
                endpoint.TemplateId = _templates.Exists(t => t.Id == templateId) ? templateId : throw new FakeApiException($"Template {templateId} not found");
            }

            foreach (var (key, value) in input)
            {
                if (key is not ("id" or "template" or "templateId"))
                {
                    endpoint.Fields[key] = value?.DeepClone();
                }
            }

            endpoint.Name = endpoint.Fields["name"]?.GetValue<string>() ?? endpoint.Name;
            return new JsonObject { ["id"] = endpoint.Id, ["name"] = endpoint.Name, ["templateId"] = endpoint.TemplateId };
        }
    }

    internal JsonObject SaveTemplate(JsonObject input)
    {
        if (input["env"] is not JsonArray)
        {
            throw new FakeApiException("env is required (a list of {key, value})");
        }

        if (input["volumeInGb"] is null)
        {
            throw new FakeApiException("volumeInGb is required");
        }

        lock (_gate)
        {
            FakeTemplate template;
            if (input["id"]?.GetValue<string>() is { } id)
            {
                template = _templates.Find(t => t.Id == id) ?? throw new FakeApiException($"Template {id} not found");
            }
            else
            {
                template = new FakeTemplate(Id("tpl", _nextTemplate++));
                _templates.Add(template);
            }

            template.Apply(input);
            return new JsonObject { ["id"] = template.Id, ["name"] = template.Name };
        }
    }

    internal void DeleteEndpoint(string id)
    {
        lock (_gate)
        {
            if (_endpoints.RemoveAll(e => e.Id == id) == 0)
            {
                throw new FakeApiException($"Endpoint {id} not found");
            }
        }
    }

    internal void DeleteTemplate(string name)
    {
        lock (_gate)
        {
            var template = _templates.Find(t => t.Name == name) ?? throw new FakeApiException($"Template {name} not found");
            if (_endpoints.Exists(e => e.TemplateId == template.Id))
            {
                throw new FakeApiException($"Template {name} is in use by an endpoint");
            }

            _templates.Remove(template);
        }
    }

    private static string Id(string prefix, int n) => prefix + "-" + n.ToString("D4", CultureInfo.InvariantCulture);
}

/// <summary>A network volume.</summary>
public sealed record FakeVolume(string Id, string Name, int Size, string DataCenterId)
{
    internal JsonObject ToJson() => new() { ["id"] = Id, ["name"] = Name, ["size"] = Size, ["dataCenterId"] = DataCenterId };
}

/// <summary>A serverless endpoint: its id, name, template and every field last saved.</summary>
public sealed class FakeEndpoint(string id, string name)
{
    /// <summary>The endpoint id.</summary>
    public string Id { get; } = id;

    /// <summary>The endpoint name.</summary>
    public string Name { get; internal set; } = name;

    /// <summary>The id of its pod template.</summary>
    public string? TemplateId { get; internal set; }

    /// <summary>The fields saved with saveEndpoint (without id and template).</summary>
    public JsonObject Fields { get; } = [];
}

/// <summary>A pod template.</summary>
public sealed class FakeTemplate(string id)
{
    /// <summary>The template id.</summary>
    public string Id { get; } = id;

    /// <summary>The template name.</summary>
    public string? Name { get; internal set; }

    /// <summary>The container image.</summary>
    public string? ImageName { get; internal set; }

    /// <summary>The workers' environment.</summary>
    public List<KeyValuePair<string, string>> Env { get; internal set; } = [];

    /// <summary>Every field last saved.</summary>
    public JsonObject Fields { get; } = [];

    internal void Apply(JsonObject input)
    {
        foreach (var (key, value) in input)
        {
            if (key != "id")
            {
                Fields[key] = value?.DeepClone();
            }
        }

        Name = input["name"]?.GetValue<string>() ?? Name;
        ImageName = input["imageName"]?.GetValue<string>() ?? ImageName;
        if (input["env"] is JsonArray env)
        {
            Env = env.OfType<JsonObject>()
                .Select(kv => new KeyValuePair<string, string>(kv["key"]!.GetValue<string>(), kv["value"]?.GetValue<string>() ?? ""))
                .ToList();
        }
    }

    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["imageName"] = ImageName,
        ["env"] = new JsonArray(Env.Select(kv => (JsonNode?)new JsonObject { ["key"] = kv.Key, ["value"] = kv.Value }).ToArray()),
    };
}

/// <summary>A request the fake API refuses, as RunPod would (a GraphQL error, or HTTP 400 over REST).</summary>
public sealed class FakeApiException(string message) : Exception(message);
