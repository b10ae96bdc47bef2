using System;

namespace Flash;

/// <summary>
/// On a queue method of an <c>[EndpointClient]</c> interface: the method of a class endpoint the call selects, sent as
/// <c>"method"</c> in the job input. Without it, the input names no method (a function endpoint, or a class endpoint
/// with one method).
/// </summary>
/// <param name="name">The endpoint class's method name, as the endpoint knows it.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EndpointMethodAttribute(string name) : Attribute
{
    /// <summary>The method name sent as <c>"method"</c>.</summary>
    public string Name { get; } = name;
}
