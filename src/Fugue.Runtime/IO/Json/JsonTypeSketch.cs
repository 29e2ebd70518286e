using System.Text.Json;
using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>
/// The type of sampled JSON values, merged across lines: integers are long, other numbers double
/// (long + double = double), <c>true</c>/<c>false</c> bool, strings str (strings that look like dates or
/// timestamps stay str: give a schema to read them as temporal types), arrays lists of the merged item type,
/// objects structs with the union of keys in first-seen order. Conflicting kinds become str (the reader keeps
/// non-string values of str columns as their JSON text); values seen only as null (or empty arrays) are str.
/// </summary>
internal sealed class JsonTypeSketch
{
    private enum Kind
    {
        Unknown,
        Bool,
        Long,
        Double,
        String,
        List,
        Struct,
    }

    private Kind _kind;
    private JsonTypeSketch? _item;
    private List<(string Name, JsonTypeSketch Sketch)>? _fields;

    /// <summary>Merges the value at the reader's current token (consuming it).</summary>
    public void Observe(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.True or JsonTokenType.False:
                Merge(Kind.Bool);
                return;
            case JsonTokenType.Number:
                Merge(reader.TryGetInt64(out _) ? Kind.Long : Kind.Double);
                return;
            case JsonTokenType.String:
                Merge(Kind.String);
                return;
            case JsonTokenType.StartArray:
                if (Merge(Kind.List))
                {
                    _item ??= new JsonTypeSketch();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        _item.Observe(ref reader);
                    }
                }
                else
                {
                    reader.Skip();
                }

                return;
            case JsonTokenType.StartObject:
                if (Merge(Kind.Struct))
                {
                    ObserveObject(ref reader);
                }
                else
                {
                    reader.Skip();
                }

                return;
            default:
                reader.Skip();
                return;
        }
    }

    /// <summary>Merges the members of the object whose StartObject is the current token.</summary>
    public void ObserveObject(ref Utf8JsonReader reader)
    {
        _kind = Kind.Struct;
        _fields ??= [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var field = _fields.FindIndex(f => f.Name == name);
            if (field < 0)
            {
                _fields.Add((name, new JsonTypeSketch()));
                field = _fields.Count - 1;
            }

            _fields[field].Sketch.Observe(ref reader);
        }
    }

    /// <summary>The top-level fields (for the line objects).</summary>
    public Schema ToSchema() => new((_fields ?? []).Select(f => new Field(f.Name, f.Sketch.ToType())));

    /// <summary>The inferred type.</summary>
    public DataType ToType() => _kind switch
    {
        Kind.Bool => DataType.Bool,
        Kind.Long => DataType.Int64,
        Kind.Double => DataType.Float64,
        Kind.List => DataType.List(_item!.ToType()),
        Kind.Struct when _fields!.Count > 0 => DataType.Struct(_fields.Select(f => new Field(f.Name, f.Sketch.ToType()))),
        _ => DataType.String,
    };

    /// <summary>Merges a kind; false when the result is not the given (container) kind any more.</summary>
    private bool Merge(Kind kind)
    {
        if (_kind == Kind.Unknown || _kind == kind)
        {
            _kind = kind;
        }
        else if ((_kind, kind) is (Kind.Long, Kind.Double) or (Kind.Double, Kind.Long))
        {
            _kind = Kind.Double;
        }
        else
        {
            _kind = Kind.String;
        }

        return _kind == kind;
    }
}
