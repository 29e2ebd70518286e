using System;
using System.Text;

namespace Fugue.Generators.Emitting;

/// <summary>A StringBuilder with an indentation level; multi-line strings are re-indented line by line.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation.");
        }

        _indent--;
    }

    /// <summary>Writes a line (or several) at the current indentation.</summary>
    public void Line(string text = "")
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0)
            {
                _sb.Append(' ', _indent * 4);
                _sb.Append(line);
            }

            _sb.Append('\n');
        }
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        Indent();
    }

    /// <summary>Unindents and writes a closing brace with an optional suffix (";", ")").</summary>
    public void Close(string suffix = "")
    {
        Unindent();
        Line("}" + suffix);
    }

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("Indentation not back to zero at the end of the file.");
        }

        return _sb.ToString();
    }
}
