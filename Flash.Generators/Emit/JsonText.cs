using System.Globalization;
using System.Text;

namespace Flash.Generators.Emit;

/// <summary>
/// A small indented JSON writer: the generator targets netstandard2.0 and carries no JSON library. Output depends only
/// on the calls made, so the same model always gives the same bytes.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder _text = new();
    private int _depth;
    private bool _first = true;

    public void StartObject(string? name = null) => Open(name, '{');

    public void EndObject() => Close('}');

    public void StartArray(string? name = null) => Open(name, '[');

    public void EndArray() => Close(']');

    public void String(string? name, string? value)
    {
        Prefix(name);
        if (value is null)
        {
            _text.Append("null");
        }
        else
        {
            Quote(value);
        }
    }

    public void Number(string? name, int value)
    {
        Prefix(name);
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Bool(string? name, bool value)
    {
        Prefix(name);
        _text.Append(value ? "true" : "false");
    }

    public void Null(string? name)
    {
        Prefix(name);
        _text.Append("null");
    }

    public override string ToString() => _text.ToString() + "\n";

    private void Open(string? name, char bracket)
    {
        Prefix(name);
        _text.Append(bracket);
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

        _text.Append(bracket);
        _first = false;
    }

    private void Prefix(string? name)
    {
        if (_depth > 0)
        {
            if (!_first)
            {
                _text.Append(',');
            }

            NewLine();
        }

        _first = false;
        if (name is not null)
        {
            Quote(name);
            _text.Append(": ");
        }
    }

    private void NewLine()
    {
        _text.Append('\n');
        _text.Append(' ', _depth * 2);
    }

    private void Quote(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
