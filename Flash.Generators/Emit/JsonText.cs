using System.Globalization;
using System.Text;

namespace Flash.Generators.Emit;

/// <summary>
/// A small indented JSON writer: the generator targets netstandard2.0 and carries no JSON library. Output depends only
/// on the calls made, so the same model always gives the same bytes. Without a text it only hashes what it would write
/// (FNV-1a 64), so a fingerprint of a large manifest costs no second copy of it.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder? _text;
    private ulong _hash = 14695981039346656037ul;
    private int _depth;
    private bool _first = true;

    private JsonText(StringBuilder? text) => _text = text;

    /// <summary>A writer whose output is kept as text.</summary>
    public static JsonText Text() => new(new StringBuilder());

    /// <summary>A writer whose output is only hashed.</summary>
    public static JsonText Hash() => new(null);

    /// <summary>The text written, ending with a newline.</summary>
    public string Finish() => Append('\n')._text!.ToString();

    /// <summary>The FNV-1a 64 hash of the text written, ending with a newline.</summary>
    public ulong FinishHash() => Append('\n')._hash;

    public void StartObject(string? name = null) => Open(name, '{');

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
        if (_text is not null)
        {
            _text.Append(text);
            return this;
        }

        foreach (var c in text)
        {
            Append(c);
        }

        return this;
    }

    private JsonText Append(char c)
    {
        if (_text is not null)
        {
            _text.Append(c);
        }
        else
        {
            _hash = unchecked((_hash ^ c) * 1099511628211ul);
        }

        return this;
    }

    private void NewLine()
    {
        Append('\n');
        for (var i = 0; i < _depth * 2; i++)
        {
            Append(' ');
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
