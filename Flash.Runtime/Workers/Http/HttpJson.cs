using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flash.Workers.Http;

/// <summary>JSON request bodies and responses for the HTTP modes, written with Utf8JsonWriter (no reflection).</summary>
internal static class HttpJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a JSON response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions))
        {
            write(writer);
        }
    }

    /// <summary>Writes <c>{"error": message}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });

    /// <summary>
    /// Gives the 404 and 405 answers of requests no route takes a JSON error body: <paramref name="notFound"/> says
    /// what to ask instead; a 405 names the method, the path and the methods the path answers.
    /// </summary>
    public static void AnswerUnroutedWithJson(IApplicationBuilder app, Func<HttpContext, string> notFound) =>
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.HasStarted)
            {
                return;
            }

            var request = $"{context.Request.Method} {context.Request.Path}";
            switch (context.Response.StatusCode)
            {
                case StatusCodes.Status405MethodNotAllowed:
                    await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"{request} is not allowed: this path answers {context.Response.Headers.Allow}.").ConfigureAwait(false);
                    break;
                case StatusCodes.Status404NotFound:
                    await WriteErrorAsync(context, StatusCodes.Status404NotFound, notFound(context)).ConfigureAwait(false);
                    break;
            }
        });

    /// <summary>Writes JSON text as it is.</summary>
    public static async Task WriteRawAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the request body as JSON, at most <paramref name="limit"/> bytes. The document is null with the error
    /// already answered (400, 413) when the body is not JSON or too large, and null with Empty true for no body.
    /// Bytes is the body's size.
    /// </summary>
    public static async Task<(JsonDocument? Document, bool Empty, long Bytes)> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit / (1024 * 1024)} MB.").ConfigureAwait(false);
            return (null, false, 0);
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, $"The request body could not be read: {ex.Message}").ConfigureAwait(false);
            return (null, false, 0);
        }

        if (buffer.Length == 0)
        {
            return (null, true, 0);
        }

        try
        {
            return (JsonDocument.Parse(buffer.ToArray()), false, buffer.Length);
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}").ConfigureAwait(false);
            return (null, false, 0);
        }
    }
}
