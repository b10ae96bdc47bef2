using Flash.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        AddFlashClients(services, configure, FlashTiming.Default);

    /// <summary><see cref="AddFlashClients(IServiceCollection, Action{FlashClientOptions}?)"/> with the given pauses.</summary>
    internal static IServiceCollection AddFlashClients(IServiceCollection services, Action<FlashClientOptions>? configure, FlashTiming timing)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FlashClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(FlashResilience.Name)
            .AddResilienceHandler(FlashResilience.Name, pipeline => FlashResilience.Configure(pipeline, timing.FirstRetry));

        // Configuration (Flash:ApiKey, Flash:Endpoints:<name>, Flash:DevUrl, Flash:StatePath) is read by the client
        // itself, at its place in each search order, so messages can name where a value came from.
        services.AddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new FlashClient(
                () => factory.CreateClient(FlashResilience.Name),
                provider.GetRequiredService<IOptions<FlashClientOptions>>().Value,
                provider.GetService<IConfiguration>(),
                ClientEnvironment.Process,
                timing);
        });
        AddGeneratedClients(services);
        return services;
    }

    /// <summary>
    /// The worker's registration: <see cref="FlashClient"/> and the generated clients for the constructors of endpoint
    /// classes, each made on first use with its own <see cref="HttpClient"/> and fault handling, so a worker whose
    /// endpoints call no other endpoint loads nothing of the HTTP client stack. Registrations the app made win.
    /// </summary>
    internal static void AddFlashClientsForWorker(IServiceCollection services)
    {
        services.TryAdd(ServiceDescriptor.Singleton(provider => new FlashClient(
            new FlashClientOptions(), provider.GetService<IConfiguration>(), ClientEnvironment.Process, FlashTiming.Default, transport: null)));
        AddGeneratedClients(services);
    }

    private static void AddGeneratedClients(IServiceCollection services)
    {
        foreach (var (type, _) in FlashClientRegistry.Entries)
        {
            services.TryAdd(ServiceDescriptor.Singleton(type, provider => provider.GetRequiredService<FlashClient>().Get(type)));
        }
    }
}
