using System;

namespace Flash;

/// <summary>
/// One HTTP route of a load-balanced endpoint: on a public method of an <c>[Endpoint]</c> class, the method serves the
/// route; on a method of an <c>[EndpointClient]</c> interface, the method calls it. Path parameters are written in
/// braces (<c>/items/{id}</c>) and bind to parameters of the same name; the other parameters are the JSON body's
/// properties.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public abstract class RouteAttribute : Attribute
{
    /// <summary>Creates a route.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path, starting with '/'.</param>
    private protected RouteAttribute(string method, string path)
    {
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP method: GET, POST, PUT, DELETE or PATCH.</summary>
    public string Method { get; }

    /// <summary>The route path, starting with '/'.</summary>
    public string Path { get; }
}

/// <summary>An HTTP GET route of a load-balanced endpoint.</summary>
/// <param name="path">The path, starting with '/'.</param>
public sealed class GetAttribute(string path) : RouteAttribute("GET", path);

/// <summary>An HTTP POST route of a load-balanced endpoint.</summary>
/// <param name="path">The path, starting with '/'.</param>
public sealed class PostAttribute(string path) : RouteAttribute("POST", path);

/// <summary>An HTTP PUT route of a load-balanced endpoint.</summary>
/// <param name="path">The path, starting with '/'.</param>
public sealed class PutAttribute(string path) : RouteAttribute("PUT", path);

/// <summary>An HTTP DELETE route of a load-balanced endpoint.</summary>
/// <param name="path">The path, starting with '/'.</param>
public sealed class DeleteAttribute(string path) : RouteAttribute("DELETE", path);

/// <summary>An HTTP PATCH route of a load-balanced endpoint.</summary>
/// <param name="path">The path, starting with '/'.</param>
public sealed class PatchAttribute(string path) : RouteAttribute("PATCH", path);
