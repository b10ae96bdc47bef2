using Flash.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Flash clients with dependency injection.</summary>
public static class FlashClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FlashClient"/> (over a named <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, with
    /// transient-fault handling on the requests that are safe to repeat) and every generated client of the app, each
    /// a singleton.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options; what it leaves out comes from configuration (<c>Flash:*</c>) and the environment.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFlashClients(this IServiceCollection services, Action<FlashClientOptions>? configure = null) =>
        throw new NotImplementedException();
}
