using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Flash.Workers;

/// <summary>
/// Builds the host of each mode: Microsoft.Extensions.Hosting (configuration from appsettings.json and the
/// environment, console logging to standard error, the app's services), with Kestrel for the HTTP modes.
/// </summary>
internal static class WorkerHosting
{
    /// <summary>
    /// Where the worker's own settings (<see cref="WorkerSettings"/>) come from: environment variables, then
    /// <see cref="FlashWorkerOptions.Settings"/>. Read before any host is built, so a bad value stops the worker
    /// before anything starts.
    /// </summary>
    public static IConfiguration SettingsConfiguration(FlashWorkerOptions options)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables();
        if (options.Settings is { } settings)
        {
            configuration.AddInMemoryCollection(settings);
        }

        return configuration.Build();
    }

    /// <summary>A host without a web server (local test, queue worker).</summary>
    public static HostApplicationBuilder CreateBuilder(FlashWorkerOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        Configure(builder, options);
        return builder;
    }

    /// <summary>A host with Kestrel (dev server, load-balanced worker).</summary>
    public static WebApplicationBuilder CreateWebBuilder(FlashWorkerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        Configure(builder, options);
        return builder;
    }

    private static void Configure(IHostApplicationBuilder builder, FlashWorkerOptions options)
    {
        if (options.Settings is { } settings)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Standard output carries results (local test); every log line goes to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        options.Configure?.Invoke(builder);

        // An endpoint class may take FlashClient or a client of the app's endpoints (FlashClients.*) in its
        // constructor; what the app registered itself (AddFlashClients with its options) comes first.
        FlashClientServiceCollectionExtensions.AddFlashClientsForWorker(builder.Services);
    }
}
