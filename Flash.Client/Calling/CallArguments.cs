using System.ComponentModel;
using System.Text.Json;

namespace Flash.Client;

/// <summary>
/// The arguments of one call, written as JSON properties by name: a queue job's <c>input</c> object, or a route's body.
/// Each value is written with the metadata its type has in the client's JSON options (no reflection).
/// </summary>
/// <remarks>Generated clients fill one per call; by hand, <see cref="FlashEndpoint.Arguments"/> makes one.</remarks>
public sealed class CallArguments
{
    internal CallArguments(JsonSerializerOptions json) => Json = json;

    internal JsonSerializerOptions Json { get; }

    /// <summary>Adds the argument <paramref name="name"/>.</summary>
    /// <typeparam name="T">The argument's type; the client's JSON options must know it.</typeparam>
    /// <param name="name">The property name the endpoint binds (the method parameter's name).</param>
    /// <param name="value">The value.</param>
    /// <returns>These arguments.</returns>
    public CallArguments Add<T>(string name, T value) => throw new NotImplementedException();

    /// <summary>Selects the method of a class endpoint (<c>"method"</c> in the job input).</summary>
    /// <param name="name">The method name.</param>
    /// <returns>These arguments.</returns>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public CallArguments Method(string name) => throw new NotImplementedException();
}
