namespace Quickstart;

// The types the endpoints take and return. samples/Caller compiles this file too, so its calls are checked against
// the same types the endpoints bind.

/// <summary>A job's input.</summary>
public sealed record Request(string Text);

/// <summary>A job's output.</summary>
public sealed record Result(string Message, int Length);

/// <summary>The text the API generated.</summary>
public sealed record Generated(string Text);
