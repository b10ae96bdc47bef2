namespace Flash.FakeRunPod.Management;

/// <summary>How an injected failure answers.</summary>
public enum FailureMode
{
    /// <summary>HTTP 500 before doing anything.</summary>
    ServerError = 1,

    /// <summary>Does the work, then answers HTTP 500 (a lost answer: the caller cannot tell the work was done).</summary>
    ServerErrorAfterApplying,

    /// <summary>HTTP 200 with a GraphQL error.</summary>
    GraphQlError,
}
