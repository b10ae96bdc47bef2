using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Workers;

/// <summary>
/// Binds job input to method parameters by name. Generated shims call it once per parameter; it uses the context's
/// type info, never reflection, so it is trimming and Native AOT safe.
/// </summary>
/// <remarks>For generated code: the shims call it; app code has no use for it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JobBinder
{
    /// <summary>Reads the input property <paramref name="name"/> as a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="input">The job's <c>input</c> object.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="required">Whether a missing property is an error; otherwise <paramref name="fallback"/> is used.</param>
    /// <param name="acceptsNull">
    /// Whether the parameter takes null (a nullable type, or a reference type in code without nullable annotations);
    /// otherwise a JSON <c>null</c> is an error naming the parameter.
    /// </param>
    /// <param name="fallback">The value when the property is missing and not required.</param>
    /// <param name="context">The job context.</param>
    /// <param name="value">The bound value.</param>
    /// <param name="error">The error result when binding failed.</param>
    /// <returns>True when bound.</returns>
    public static bool TryBind<T>(JsonElement input, string name, bool required, bool acceptsNull, T fallback, JobContext context, out T value, out JobResult error)
    {
        ArgumentNullException.ThrowIfNull(context);
        error = default;
        if (input.ValueKind != JsonValueKind.Object || !input.TryGetProperty(name, out var property))
        {
            value = fallback;
            if (!required)
            {
                return true;
            }

            error = JobResult.Failure(context.Origin == JobOrigin.Route
                ? $"The request has no '{name}': send it in the JSON body ({{\"{name}\": <{TypeName(typeof(T))}>, …}}), the query string or the path."
                : $"The input has no '{name}': this endpoint needs {{\"input\": {{\"{name}\": <{TypeName(typeof(T))}>, …}}}}.");
            return false;
        }

        if (property.ValueKind == JsonValueKind.Null && !acceptsNull)
        {
            value = fallback;
            error = JobResult.Failure($"The input '{name}' is null, but the parameter is a non-nullable {TypeName(typeof(T))}.");
            return false;
        }

        try
        {
            var typeInfo = (JsonTypeInfo<T>)context.Json.GetTypeInfo(typeof(T));
            value = property.Deserialize(typeInfo)!;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or InvalidCastException)
        {
            value = fallback;
            error = JobResult.Failure($"The input '{name}' is not a valid {TypeName(typeof(T))}: {ex.Message}");
            return false;
        }
    }

    private static string TypeName(Type type) => Nullable.GetUnderlyingType(type) is { } underlying ? underlying.Name + "?" : type.Name;
}
