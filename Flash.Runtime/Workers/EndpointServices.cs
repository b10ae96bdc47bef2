using System.ComponentModel;

namespace Flash.Workers;

/// <summary>
/// Resolves the constructor arguments of endpoint classes. Generated code calls the constructor itself
/// (<c>new Api(EndpointServices.Require&lt;IModel&gt;(services, "api"), …)</c>), so creating an endpoint needs no
/// reflection and stays Native AOT safe.
/// </summary>
/// <remarks>For generated code: the shims call it; app code registers the services instead.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EndpointServices
{
    /// <summary>The service <typeparamref name="T"/> for a constructor parameter of endpoint <paramref name="endpoint"/>.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="endpoint">The endpoint name, for the error message.</param>
    /// <param name="parameter">The constructor parameter name, for the error message.</param>
    /// <returns>The service.</returns>
    /// <exception cref="InvalidOperationException">No such service is registered.</exception>
    public static T Require<T>(IServiceProvider services, string endpoint, string parameter)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException(
                $"Endpoint '{endpoint}' needs a {typeof(T).FullName} for its constructor parameter '{parameter}', and none is registered: " +
                $"register one in the services (FlashWorker.RunAsync(FlashManifest.Registry, args, builder => builder.Services.AddSingleton<{typeof(T).Name}>(…))).");
    }

    /// <summary>The service <typeparamref name="T"/> for an optional constructor parameter, or <paramref name="fallback"/>.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="fallback">The parameter's default value.</param>
    /// <returns>The service, or the fallback when none is registered.</returns>
    public static T Optional<T>(IServiceProvider services, T fallback)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(T)) is T service ? service : fallback;
    }
}
