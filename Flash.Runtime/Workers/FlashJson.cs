using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Flash.Client;

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
    /// <summary>The options for an app (<see cref="FlashClientJson.Create"/>: the clients write and read with the same).</summary>
    /// <param name="appResolver">The app's metadata (<see cref="WorkerRegistry.JsonResolver"/>), or null when it declares no context.</param>
    /// <returns>Read-only options.</returns>
    internal static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver? appResolver) => FlashClientJson.Create(appResolver);

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
    internal static bool IsPrimitivesOnly(JsonSerializerOptions options) => FlashClientJson.IsPrimitivesOnly(options);
}
