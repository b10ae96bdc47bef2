using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Workers;

/// <summary>
/// The JSON options jobs are bound with: web conventions (camelCase names, case-insensitive reading, numbers from
/// strings, non-ASCII text unescaped, and from .NET 9 on a missing constructor parameter or a null where the type is not
/// nullable is an error), metadata from the app's <c>JsonSerializerContext</c> types (the generated registry names them) and, for
/// common primitives and collections, from Flash's own source-generated context.
/// </summary>
/// <remarks>For generated code: the generated registry calls <see cref="Context{TContext}"/>; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlashJson
{
    /// <summary>The options <see cref="CreateOptions"/> made without an app context while reflection is off.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, IJsonTypeInfoResolver> PrimitivesOnly = new();

    /// <summary>The options for an app.</summary>
    /// <param name="appResolver">The app's metadata (<see cref="WorkerRegistry.JsonResolver"/>), or null when it declares no context.</param>
    /// <returns>
    /// Read-only options. Without an app context they fall back to reflection where the app allows it (not under
    /// Native AOT, where only the primitives are known and other types give a clear error per job).
    /// </returns>
    internal static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver? appResolver)
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

    /// <summary>
    /// An instance of the app's <c>JsonSerializerContext</c> <typeparamref name="TContext"/>; the generated registry
    /// calls it for each context it finds. The System.Text.Json source generator gives every context a public
    /// parameterless constructor, which is kept for trimming and Native AOT by the annotation.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <returns>The context, as a resolver.</returns>
    /// <exception cref="InvalidOperationException">The context has no public parameterless constructor.</exception>
    public static IJsonTypeInfoResolver Context<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TContext>()
        where TContext : JsonSerializerContext
    {
        try
        {
            return Activator.CreateInstance<TContext>();
        }
        catch (MissingMethodException ex)
        {
            throw new InvalidOperationException(
                $"The JsonSerializerContext {typeof(TContext).FullName} has no public parameterless constructor: declare it as a partial class with [JsonSerializable] attributes so the System.Text.Json source generator completes it.", ex);
        }
    }

    /// <summary>Whether the options can only describe Flash's primitives (no app context, reflection switched off).</summary>
    internal static bool IsPrimitivesOnly(JsonSerializerOptions options) => PrimitivesOnly.TryGetValue(options, out _);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, which trimmed and AOT apps switch off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only when JsonSerializer.IsReflectionEnabledByDefault, which AOT apps switch off.")]
    private static IJsonTypeInfoResolver ReflectionResolver() => new DefaultJsonTypeInfoResolver();
}

/// <summary>Metadata for the primitives and collections endpoints commonly take and return.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(float[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class FlashPrimitivesContext : JsonSerializerContext;
