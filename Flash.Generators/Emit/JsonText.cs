using System.Globalization;
using System.Text;

namespace Flash.Generators.Emit;

/// <summary>
/// A small indented JSON writer: the generator targets netstandard2.0 and carries no JSON library. Output depends only
/// on the calls made, so the same model always gives the same bytes. One object can be hashed (FNV-1a 64) as it is
/// written, indented as if it stood alone, so a fingerprint of a large manifest costs no second pass over it.
/// </summary>
internal sealed class JsonText
{
    private const ulong FnvOffset = 14695981039346656037ul;

    private readonly StringBuilder _text;
    private ulong _hash = FnvOffset;
    private bool _hashing;
    private int _hashBase;
    private int _depth;
    private bool _first = true;

    /// <summary>A writer whose output is kept as text.</summary>
    /// <param name="capacity">The expected length of the text, so a large manifest is not copied as it grows.</param>
    public JsonText(int capacity = 256) => _text = new StringBuilder(capacity);

    /// <summary>The text written, ending with a newline.</summary>
    public string Finish() => Append('\n')._text.ToString();

    public void StartObject(string? name = null) => Open(name, '{');

    /// <summary>
    /// Starts an object whose text, from its opening brace to its closing one, is hashed as if it were a document of
    /// its own (indented from the left margin) followed by a newline; <see cref="EndHashedObject"/> returns the hash.
    /// </summary>
    public void StartHashedObject(string name)
    {
        Prefix(name);
        _hash = FnvOffset;
        _hashing = true;
        _hashBase = _depth;
        Append('{');
        _depth++;
        _first = true;
    }

    /// <summary>Ends the object <see cref="StartHashedObject"/> started and returns its FNV-1a 64 hash.</summary>
    public ulong EndHashedObject()
    {
        Close('}');
        Hash('\n');
        _hashing = false;
        return _hash;
    }

    public void EndObject() => Close('}');

    public void StartArray(string? name = null) => Open(name, '[');

    public void EndArray() => Close(']');

    public void String(string? name, string? value)
    {
        Prefix(name);
        if (value is null)
        {
            Append("null");
        }
        else
        {
            Quote(value);
        }
    }

    public void Number(string? name, int value)
    {
        Prefix(name);
        Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Bool(string? name, bool value)
    {
        Prefix(name);
        Append(value ? "true" : "false");
    }

    public void Null(string? name)
    {
        Prefix(name);
        Append("null");
    }

    private void Open(string? name, char bracket)
    {
        Prefix(name);
        Append(bracket);
        _depth++;
        _first = true;
    }

    private void Close(char bracket)
    {
        _depth--;
        if (!_first)
        {
            NewLine();
        }

        Append(bracket);
        _first = false;
    }

    private void Prefix(string? name)
    {
        if (_depth > 0)
        {
            if (!_first)
            {
                Append(',');
            }

            NewLine();
        }

        _first = false;
        if (name is not null)
        {
            Quote(name);
            Append(": ");
        }
    }

    private JsonText Append(string text)
    {
        _text.Append(text);
        if (_hashing)
        {
            foreach (var c in text)
            {
                Hash(c);
            }
        }

        return this;
    }

    private JsonText Append(char c)
    {
        _text.Append(c);
        if (_hashing)
        {
            Hash(c);
        }

        return this;
    }

    private void Hash(char c) => _hash = unchecked((_hash ^ c) * 1099511628211ul);

    private void NewLine()
    {
        _text.Append('\n').Append(' ', _depth * 2);
        if (_hashing)
        {
            Hash('\n');
            for (var i = 0; i < (_depth - _hashBase) * 2; i++)
            {
                Hash(' ');
            }
        }
    }

    private void Quote(string value)
    {
        Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': Append("\\\""); break;
                case '\\': Append("\\\\"); break;
                case '\n': Append("\\n"); break;
                case '\r': Append("\\r"); break;
                case '\t': Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        Append(c);
                    }

                    break;
            }
        }

        Append('"');
    }
}
