using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>What the echo endpoint takes.</summary>
public sealed record EchoRequest(string Text, int Count);

/// <summary>What the echo endpoint returns: a small record, as a typical job output.</summary>
public sealed record EchoResult(string Text, int Length, double Score, bool Cached);

/// <summary>What the load-balanced endpoint's <c>GET /items/{id}</c> returns.</summary>
public sealed record Item(int Id, string Name, string[] Tags);

/// <summary>A RunPod job body, as a hand-written caller declares it: <c>{"input": {"data": …}}</c>.</summary>
public sealed record EchoJob(EchoJobInput Input);

/// <summary>The job's input: the endpoint method's one argument, by name.</summary>
public sealed record EchoJobInput(EchoRequest Data);

/// <summary>RunPod's <c>/runsync</c> answer, as a hand-written caller declares it.</summary>
public sealed record EchoJobAnswer(string Id, string Status, EchoResult? Output);

/// <summary>
/// The JSON metadata of both callers: the hand-written one serializes with it directly, the generated clients get it
/// through the manifest's resolver. Web conventions (camelCase), as Flash's own options.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(EchoResult))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(EchoJob))]
[JsonSerializable(typeof(EchoJobAnswer))]
public sealed partial class EchoJson : JsonSerializerContext;
