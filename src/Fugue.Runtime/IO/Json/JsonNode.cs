using System.Text;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.IO.Csv;
using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>
/// Reads one JSON value (the reader positioned on its first token) into a column builder. A tree of nodes is
/// compiled once per column so each value costs one virtual call per level. Scalars take JSON numbers, bools and
/// strings through the shared <see cref="TextColumnSink"/> parsers (so <c>"2020-01-01 03:04:05"</c>,
/// <c>"NaN"</c>, base64 bytes and quoted numbers all work); str columns keep non-string values as their JSON text.
/// Lists read arrays; structs read objects (missing fields null, unknown keys ignored); maps read objects (keys
/// parsed as the key type) or arrays of <c>[key, value]</c> pairs.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(ColumnBuilder builder) => Builder = builder;

    public ColumnBuilder Builder { get; }

    /// <summary>Reads the value at the current token (consuming through its last token).</summary>
    public abstract void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source);

    public static JsonNode Create(ColumnBuilder builder) => builder switch
    {
        ListColumnBuilder list => new ListNode(list),
        StructColumnBuilder st => new StructNode(st),
        MapColumnBuilder map => new MapNode(map),
        _ => new ScalarNode(builder),
    };

    protected JsonValueMismatchException Mismatch(ref Utf8JsonReader reader) =>
        new($"a JSON {Describe(reader.TokenType)} does not fit {Builder.Type}");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        _ => token.ToString(),
    };

    internal sealed class ScalarNode(ColumnBuilder builder) : JsonNode(builder)
    {
        private readonly TextColumnSink _sink = TextColumnSink.Create(builder);
        private byte[] _scratch = new byte[128];

        public override void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
        {
            ReadOnlySpan<byte> text;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    _sink.AppendNull();
                    return;
                case JsonTokenType.String:
                    text = Unescaped(ref reader, ref _scratch);
                    if (_sink.EmptyIsNull && text.Trim((byte)' ').IsEmpty)
                    {
                        _sink.AppendNull();
                        return;
                    }

                    break;
                case JsonTokenType.Number:
                    text = reader.ValueSpan;
                    break;
                case JsonTokenType.True:
                    text = "true"u8;
                    break;
                case JsonTokenType.False:
                    text = "false"u8;
                    break;
                case JsonTokenType.StartArray or JsonTokenType.StartObject when Builder.Type.Kind == TypeKind.String:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    text = source[start..(int)reader.BytesConsumed];
                    break;
                default:
                    throw Mismatch(ref reader);
            }

            if (!_sink.TryAppend(text))
            {
                var shown = Encoding.UTF8.GetString(text[..Math.Min(text.Length, 60)]);
                throw new JsonValueMismatchException($"the value \"{shown}\" does not fit {Builder.Type}");
            }
        }

        /// <summary>Appends a map key given as (unescaped) text.</summary>
        public void AppendKey(ReadOnlySpan<byte> text)
        {
            if (!_sink.TryAppend(text))
            {
                throw new JsonValueMismatchException($"the map key \"{Encoding.UTF8.GetString(text)}\" does not fit {Builder.Type}");
            }
        }
    }

    /// <summary>The token's string value with escapes resolved (no copy when there are none).</summary>
    internal static ReadOnlySpan<byte> Unescaped(scoped ref Utf8JsonReader reader, ref byte[] scratch)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (scratch.Length < max)
        {
            scratch = new byte[Math.Max(max, scratch.Length * 2)];
        }

        var n = reader.CopyString(scratch);
        return scratch.AsSpan(0, n);
    }

    private sealed class ListNode(ListColumnBuilder builder) : JsonNode(builder)
    {
        private readonly JsonNode _item = Create(builder.ValueBuilder);

        public override void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                builder.AppendNull();
                return;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Mismatch(ref reader);
            }

            builder.StartList();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                _item.Read(ref reader, source);
            }

            builder.EndList();
        }
    }

    private sealed class StructNode : JsonNode
    {
        private readonly StructColumnBuilder _builder;
        private readonly JsonNode[] _fields;
        private readonly byte[][] _names;

        public StructNode(StructColumnBuilder builder) : base(builder)
        {
            _builder = builder;
            _fields = builder.FieldBuilders.Select(Create).ToArray();
            _names = ((StructType)builder.Type).Fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
        }

        public override void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                _builder.AppendNull();
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Mismatch(ref reader);
            }

            Span<bool> seen = _fields.Length <= 128 ? stackalloc bool[_fields.Length] : new bool[_fields.Length];
            var hint = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = FindName(ref reader, _names, ref hint);
                reader.Read();
                if (index < 0)
                {
                    reader.Skip();
                    continue;
                }

                if (seen[index])
                {
                    throw new JsonValueMismatchException($"duplicate key '{((StructType)Builder.Type).Fields[index].Name}'");
                }

                seen[index] = true;
                _fields[index].Read(ref reader, source);
            }

            for (var i = 0; i < seen.Length; i++)
            {
                if (!seen[i])
                {
                    _fields[i].Builder.AppendNull();
                }
            }

            _builder.AppendStruct();
        }
    }

    private sealed class MapNode(MapColumnBuilder builder) : JsonNode(builder)
    {
        private readonly ScalarNode _key = Create(builder.KeyBuilder) as ScalarNode
            ?? throw new NotSupportedException($"map keys of type {builder.KeyBuilder.Type} cannot be read from JSON");
        private readonly JsonNode _value = Create(builder.ValueBuilder);
        private byte[] _scratch = new byte[64];

        public override void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    builder.AppendNull();
                    return;
                case JsonTokenType.StartObject:
                    builder.StartMap();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        _key.AppendKey(Unescaped(ref reader, ref _scratch));
                        reader.Read();
                        _value.Read(ref reader, source);
                    }

                    builder.EndMap();
                    return;
                case JsonTokenType.StartArray:
                    builder.StartMap();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.Null)
                        {
                            throw new JsonValueMismatchException($"map entries must be [key, value] arrays with a non-null key for {Builder.Type}");
                        }

                        _key.Read(ref reader, source);
                        reader.Read();
                        _value.Read(ref reader, source);
                        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                        {
                            throw new JsonValueMismatchException($"map entries must be [key, value] arrays for {Builder.Type}");
                        }
                    }

                    builder.EndMap();
                    return;
                default:
                    throw Mismatch(ref reader);
            }
        }
    }

    /// <summary>Finds the property name among <paramref name="names"/>, trying the expected position first.</summary>
    internal static int FindName(ref Utf8JsonReader reader, byte[][] names, ref int hint)
    {
        if (hint < names.Length && reader.ValueTextEquals(names[hint]))
        {
            return hint++;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                hint = i + 1;
                return i;
            }
        }

        return -1;
    }
}
