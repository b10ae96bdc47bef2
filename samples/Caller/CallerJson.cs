using System.Text.Json.Serialization;
using Quickstart;

namespace Caller;

/// <summary>The JSON metadata of the types the calls send and read: the generated clients use it, so no reflection is needed and the caller publishes with Native AOT.</summary>
[JsonSerializable(typeof(Request))]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(Generated))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class CallerJson : JsonSerializerContext;
