using System.Globalization;
using System.Text;
using System.Text.Json;
using Flash.Workers.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flash.Workers.LoadBalanced;

/// <summary>
/// A load-balanced worker: the endpoint's routes (from its Get/Post/Put/Delete/Patch attributes) served directly,
/// and <c>/ping</c> for the platform's health checks (204 while starting, 200 when ready, 503 while a method is stuck
/// past its execution timeout). A request's JSON body object, path parameters and query string are bound to the
/// method's parameters by name. Every answer, 404 and 405 included, is JSON.
/// </summary>
internal sealed class RouteServer
{
    /// <summary>The largest request body accepted, as RunPod's /runsync.</summary>
    private const long BodyLimit = 20 * 1024 * 1024;

    private readonly WorkerEndpoint _endpoint;
    private readonly bool _development;
    private readonly ILogger _logger;
    private readonly OverrunMethods _overruns;
    private volatile EndpointRunner? _runner;

    public RouteServer(WorkerEndpoint endpoint, bool development, ILogger logger, OverrunMethods overruns)
    {
        _endpoint = endpoint;
        _development = development;
        _logger = logger;
        _overruns = overruns;
    }

    private IEnumerable<WorkerFunction> Routes => _endpoint.Functions.Where(f => f.HttpMethod is not null && f.HttpPath is not null);

    /// <summary>Marks the worker ready: routes run jobs and /ping answers 200 from now on.</summary>
    public void Ready(EndpointRunner runner) => _runner = runner;

    /// <summary>
    /// Checks that every route can be served (its template parses, its inline constraints exist), so a bad one stops
    /// the worker at start with a clear line instead of an exception while mapping or on the first request.
    /// </summary>
    /// <param name="services">The app's services (the route constraints it knows).</param>
    /// <returns>Null when all routes are fine; else one line naming the endpoint, the route and what is wrong.</returns>
    public string? Check(IServiceProvider services)
    {
        var policies = services.GetRequiredService<ParameterPolicyFactory>();
        foreach (var function in Routes)
        {
            try
            {
                var pattern = RoutePatternFactory.Parse(function.HttpPath!);
                foreach (var parameter in pattern.Parameters)
                {
                    foreach (var policy in parameter.ParameterPolicies)
                    {
                        policies.Create(parameter, policy);
                    }
                }
            }
            catch (Exception ex) when (ex is RoutePatternException or InvalidOperationException or ArgumentException)
            {
                return $"Endpoint '{_endpoint.Definition.Name}' cannot serve {function.HttpMethod} {function.HttpPath} ({function.Name}): " +
                       $"{ex.Message.TrimEnd('.')}. Fix the route template of {function.Name}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Adds /ping, the routes and JSON answers for requests no route takes. With a <paramref name="healthPort"/> of its
    /// own, that port answers /ping only and the routes are not served there.
    /// </summary>
    public void Map(WebApplication app, int? healthPort)
    {
        app.Use(async (context, next) =>
        {
            if (healthPort is { } port && context.Connection.LocalPort == port)
            {
                await (context.Request.Path == "/ping" && HttpMethods.IsGet(context.Request.Method)
                    ? PingAsync(context)
                    : HttpJson.WriteErrorAsync(
                        context,
                        StatusCodes.Status404NotFound,
                        string.Create(CultureInfo.InvariantCulture, $"Port {port} is the health port: it answers GET /ping only. The routes are served on PORT."))).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        HttpJson.AnswerUnroutedWithJson(app, NoRoute);

        if (healthPort is null)
        {
            app.MapGet("/ping", (RequestDelegate)PingAsync);
        }

        foreach (var function in Routes)
        {
            app.MapMethods(function.HttpPath!, [function.HttpMethod!], (RequestDelegate)(c => HandleAsync(c, function)));
        }
    }

    private string NoRoute(HttpContext context)
    {
        var routes = string.Join(", ", Routes.Select(f => f.HttpMethod + " " + f.HttpPath));
        return $"No route of endpoint '{_endpoint.Definition.Name}' matches {context.Request.Method} {context.Request.Path}. Its routes: {(routes.Length == 0 ? "none" : routes)}.";
    }

    private Task PingAsync(HttpContext context)
    {
        if (_runner is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        var stuck = _overruns.Stuck;
        return stuck == 0
            ? HttpJson.WriteRawAsync(context, StatusCodes.Status200OK, "{\"status\":\"healthy\"}")
            : HttpJson.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, w =>
            {
                w.WriteStartObject();
                w.WriteString("status", "unhealthy");
                w.WriteString(
                    "error",
                    string.Create(CultureInfo.InvariantCulture, $"{stuck} method call(s) ran past the execution timeout and still hold a thread; the worker is unhealthy until they return."));
                w.WriteEndObject();
            });
    }

    private async Task HandleAsync(HttpContext context, WorkerFunction function)
    {
        if (_runner is not { } runner)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker is still starting; try again shortly.").ConfigureAwait(false);
            return;
        }

        var (body, empty, _) = await HttpJson.ReadBodyAsync(context, BodyLimit).ConfigureAwait(false);
        if (body is null && !empty)
        {
            return;
        }

        using (body)
        {
            if (body is not null && body.RootElement.ValueKind != JsonValueKind.Object)
            {
                await HttpJson.WriteErrorAsync(
                    context,
                    StatusCodes.Status400BadRequest,
                    $"The request body must be a JSON object whose keys are the parameters of {function.Name}, not {body.RootElement.ValueKind.ToString().ToLowerInvariant()}.").ConfigureAwait(false);
                return;
            }

            using var input = Input(context, body?.RootElement);
            var stream = new StreamedResponse(context);
            var outcome = await runner.RunAsync(function, input.RootElement, null, stream.WritePartAsync, context.RequestAborted).ConfigureAwait(false);
            if (outcome.Unfinished is { } unfinished)
            {
                _ = WatchAsync(unfinished, context.Request.Method + " " + context.Request.Path, function.Name);
            }

            if (stream.Started)
            {
                await stream.FinishAsync(outcome.Result).ConfigureAwait(false);
                return;
            }

            await RespondAsync(context, function, outcome.Result).ConfigureAwait(false);
        }
    }

    private async Task WatchAsync(Task method, string request, string function)
    {
        if (!await _overruns.WaitAsync(method).ConfigureAwait(false))
        {
            _logger.LogError(
                "{Function} ({Request}) ignores its cancellation and is still running {Grace} ms after its call ended; /ping answers 503 until it returns, so the platform can replace this worker.",
                function, request, _overruns.Grace.TotalMilliseconds);
        }
    }

    private Task RespondAsync(HttpContext context, WorkerFunction function, JobResult result)
    {
        switch (result.ErrorKind)
        {
            case JobErrorKind.None:
                return HttpJson.WriteRawAsync(context, StatusCodes.Status200OK, result.OutputJson ?? "null");
            case JobErrorKind.Input:
                return HttpJson.WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, result.Error!);
            case JobErrorKind.Cancelled when context.RequestAborted.IsCancellationRequested:
                return Task.CompletedTask;
            default:
                _logger.LogError(result.Exception, "{Method} {Path} ({Function}) failed: {Error}", context.Request.Method, context.Request.Path, function.Name, result.Error);
                return HttpJson.WriteErrorAsync(
                    context,
                    StatusCodes.Status500InternalServerError,
                    _development || result.ErrorKind == JobErrorKind.TimedOut ? result.Error! : "The request failed inside the endpoint; the worker's log has the details.");
        }
    }

    /// <summary>The job input: query values, then body properties, then path parameters (each overriding the one before).</summary>
    private static JsonDocument Input(HttpContext context, JsonElement? body)
    {
        var values = new Dictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            var text = value.ToString();
            values[key] = w => w.WriteStringValue(text);
        }

        if (body is { } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                var item = property.Value;
                values[property.Name] = w => item.WriteTo(w);
            }
        }

        foreach (var (key, value) in context.Request.RouteValues)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            values[key] = w => w.WriteStringValue(text);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, write) in values)
            {
                writer.WritePropertyName(name);
                write(writer);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>A streaming method's parts written as a JSON array while they come.</summary>
    private sealed class StreamedResponse(HttpContext context)
    {
        public bool Started { get; private set; }

        public async Task WritePartAsync(string part, CancellationToken cancellationToken)
        {
            if (!Started)
            {
                Started = true;
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("[" + part, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.Response.WriteAsync("," + part, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            }

            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task FinishAsync(JobResult result)
        {
            if (result.IsError)
            {
                // The status line is gone; a cut-off array is the only honest signal left.
                context.Abort();
                return;
            }

            await context.Response.WriteAsync("]", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
