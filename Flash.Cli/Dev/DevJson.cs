using System.Text.Json.Serialization;

namespace Flash.Cli.Dev;

/// <summary>The JSON metadata of what <c>flash dev</c> writes itself (no reflection).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class DevJson : JsonSerializerContext;
