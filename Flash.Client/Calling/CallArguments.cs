using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flash.Client;

/// <summary>
/// The arguments of one call, written as JSON properties by name: a queue job's <c>input</c> object, or a route's body.
/// Each value is written with the metadata its type has in the client's JSON options (no reflection).
/// </summary>
/// <remarks>Generated clients fill one per call; by hand, <see cref="FlashEndpoint.Arguments"/> makes one.</remarks>
[SuppressMessage("Design", "CA1001", Justification = "The writer writes into a managed buffer; disposing it only flushes, which sending does.")]
public sealed class CallArguments
{
    private static readonly byte[] JobPrefix = "{\"input\":"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;
    private bool _complete;

    internal CallArguments(JsonSerializerOptions json)
    {
        Json = json;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = json.Encoder });
        _writer.WriteStartObject();
    }

    internal JsonSerializerOptions Json { get; }

    /// <summary>Adds the argument <paramref name="name"/>.</summary>
    /// <typeparam name="T">The argument's type; the client's JSON options must know it.</typeparam>
    /// <param name="name">The property name the endpoint binds (the method parameter's name).</param>
    /// <param name="value">The value.</param>
    /// <returns>These arguments.</returns>
    public CallArguments Add<T>(string name, T value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfSent();
        _writer.WritePropertyName(name);
        JsonSerializer.Serialize(_writer, value, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)));
        return this;
    }

    /// <summary>Selects the method of a class endpoint (<c>"method"</c> in the job input).</summary>
    /// <param name="name">The method name.</param>
    /// <returns>These arguments.</returns>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public CallArguments Method(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfSent();
        _writer.WriteString("method", name);
        return this;
    }

    /// <summary>The arguments as one JSON object; after this nothing can be added.</summary>
    internal ReadOnlyMemory<byte> Object()
    {
        if (!_complete)
        {
            _writer.WriteEndObject();
            _writer.Dispose();
            _complete = true;
        }

        return _buffer.WrittenMemory;
    }

    /// <summary>A job's body: <c>{"input": arguments}</c>.</summary>
    internal byte[] JobBody()
    {
        var input = Object().Span;
        var body = new byte[JobPrefix.Length + input.Length + 1];
        JobPrefix.CopyTo(body, 0);
        input.CopyTo(body.AsSpan(JobPrefix.Length));
        body[^1] = (byte)'}';
        return body;
    }

    private void ThrowIfSent()
    {
        if (_complete)
        {
            throw new InvalidOperationException("These arguments were already sent; make new ones with FlashEndpoint.Arguments() for each call.");
        }
    }
}
