using System;

namespace Flash;

/// <summary>
/// Makes an interface a typed client of a RunPod endpoint that is declared elsewhere (a Python Flash app, a hub worker,
/// another .NET app): the generator implements the interface. Methods without a route attribute call the endpoint's
/// queue (<c>Task&lt;T&gt;</c>: <c>/runsync</c>; <c>Task&lt;FlashJob&lt;T&gt;&gt;</c>: <c>/run</c> and a job handle;
/// <c>IAsyncEnumerable&lt;T&gt;</c>: <c>/run</c> and <c>/stream</c>), their parameters the job input's properties;
/// methods with <c>[Get]</c>, <c>[Post]</c>, … call a load-balanced endpoint's routes.
/// </summary>
/// <remarks>
/// The endpoint is found by <see cref="Name"/> the way every Flash client finds one (an explicit id or URL in
/// <c>FlashClientOptions.Endpoints</c>, <c>Flash:Endpoints:&lt;name&gt;</c> in configuration, the variable
/// <c>FLASH_ENDPOINT_&lt;NAME&gt;</c>, <c>FLASH_DEV_URL</c>, then <c>.flash/state.json</c>), or is fixed by
/// <see cref="Id"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class EndpointClientAttribute : Attribute
{
    /// <summary>A client of the endpoint with this name, resolved when it is first called.</summary>
    /// <param name="name">The endpoint's name (its <c>[Endpoint]</c> name in a Flash app).</param>
    public EndpointClientAttribute(string name) => Name = name;

    /// <summary>A client of the endpoint given by <see cref="Id"/>.</summary>
    public EndpointClientAttribute()
    {
    }

    /// <summary>The endpoint's name, resolved at run time; null when <see cref="Id"/> fixes the endpoint.</summary>
    public string? Name { get; }

    /// <summary>The RunPod endpoint id, when the client always calls the same endpoint.</summary>
    public string? Id { get; set; }
}
