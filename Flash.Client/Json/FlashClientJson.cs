using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flash.Workers;

namespace Flash.Client;

/// <summary>
/// The JSON options calls are written and read with, and jobs are bound with by the worker: web conventions (camelCase
/// names, case-insensitive reading, numbers from strings, non-ASCII text unescaped, and from .NET 9 on a missing
/// constructor parameter or a null where the type is not nullable is an error), metadata from the app's
/// <c>JsonSerializerContext</c> types and, for common primitives and collections, from Flash's own source-generated
/// context. One definition, so what a client sends is what the endpoint's method receives.
/// </summary>
/// <remarks>For generated code: each generated client makes its options here; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlashClientJson
{
    /// <summary>Options over the app's metadata.</summary>
    /// <param name="appResolver">The app's contexts combined, or null when it declares none.</param>
    /// <returns>Read-only options.</returns>
    public static JsonSerializerOptions Options(IJsonTypeInfoResolver? appResolver) => Create(appResolver);

    /// <summary>The options <see cref="Create"/> made without an app context while reflection is off.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, IJsonTypeInfoResolver> PrimitivesOnly = new();

    /// <summary>The options without app metadata, for calls made by hand with primitives and <see cref="JsonElement"/>.</summary>
    internal static JsonSerializerOptions Default => DefaultOptions.Value;

    private static readonly Lazy<JsonSerializerOptions> DefaultOptions = new(() => Create(null));

    /// <summary>The options for an app.</summary>
    /// <param name="appResolver">The app's metadata, or null when it declares no context.</param>
    /// <returns>
    /// Read-only options. Without an app context they fall back to reflection where the app allows it (not under
    /// Native AOT, where only the primitives are known and other types give a clear error per job).
    /// </returns>
    internal static JsonSerializerOptions Create(IJsonTypeInfoResolver? appResolver)
    {
        var resolver = appResolver is not null
            ? JsonTypeInfoResolver.Combine(appResolver, FlashPrimitivesContext.Default)
            : JsonSerializer.IsReflectionEnabledByDefault ? ReflectionResolver() : FlashPrimitivesContext.Default;
        var primitivesOnly = ReferenceEquals(resolver, FlashPrimitivesContext.Default);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Results are API bodies, never HTML: keep non-ASCII text as it is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
#if NET9_0_OR_GREATER
        // A record's constructor parameter missing from the input is a binding error naming it, not a silent null,
        // and so is a null for a property or constructor parameter that is not nullable.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;

        // Checking nullability is for input: a result is written as the method returned it.
        resolver = resolver.WithAddedModifier(static type =>
        {
            foreach (var property in type.Properties)
            {
                if (!property.PropertyType.IsValueType)
                {
                    property.IsGetNullable = true;
                }
            }
        });
#endif
        options.TypeInfoResolver = resolver;
        options.MakeReadOnly();
        if (primitivesOnly)
        {
            PrimitivesOnly.Add(options, resolver);
        }

        return options;
    }

    /// <summary>Whether the options can only describe Flash's primitives (no app context, reflection switched off).</summary>
    internal static bool IsPrimitivesOnly(JsonSerializerOptions options) => PrimitivesOnly.TryGetValue(options, out _);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, which trimmed and AOT apps switch off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, which AOT apps switch off.")]
    private static IJsonTypeInfoResolver ReflectionResolver() => new DefaultJsonTypeInfoResolver();
}
