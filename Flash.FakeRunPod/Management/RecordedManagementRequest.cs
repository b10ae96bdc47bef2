using System.Text.Json.Nodes;

namespace Flash.FakeRunPod.Management;

/// <summary>One request the fake management API received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path (<c>/graphql</c>, <c>/v1/networkvolumes</c>).</param>
/// <param name="Operation">The GraphQL root field (<c>saveEndpoint</c>, <c>myself.endpoints</c>…) or <c>METHOD networkvolumes</c>.</param>
/// <param name="Authorization">The Authorization header as sent.</param>
/// <param name="Body">The body as sent.</param>
/// <param name="Json">The body parsed, when it is JSON.</param>
/// <param name="IsMutation">Whether the call changes the account.</param>
public sealed record RecordedManagementRequest(string Method, string Path, string Operation, string Authorization, string Body, JsonNode? Json, bool IsMutation)
{
    /// <summary>The payload: GraphQL's <c>variables.input</c> (or all variables when there is no input), else the REST body.</summary>
    public JsonNode? Payload => Path == "/graphql" ? Json?["variables"]?["input"] ?? Json?["variables"] : Json;
}
