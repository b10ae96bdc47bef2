using System.Text.Json.Serialization;

namespace Quickstart;

/// <summary>
/// The JSON metadata of the app's own types. The generated registry hands it to the worker runtime, so jobs are bound
/// without reflection and the app publishes with Native AOT.
/// </summary>
[JsonSerializable(typeof(Request))]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(Generated))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class AppJson : JsonSerializerContext;
