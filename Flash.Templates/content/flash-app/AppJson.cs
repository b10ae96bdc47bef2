using System.Text.Json.Serialization;

namespace FlashApp;

/// <summary>
/// The JSON metadata of the app's own types. The generated registry hands it to the worker runtime, so jobs are bound
/// without reflection and the app publishes with Native AOT. Add every type an endpoint takes or returns.
/// </summary>
[JsonSerializable(typeof(Prompt))]
[JsonSerializable(typeof(Completion))]
[JsonSerializable(typeof(TextStats))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class AppJson : JsonSerializerContext;
