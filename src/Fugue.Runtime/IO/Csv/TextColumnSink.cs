using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.IO.Csv;

/// <summary>
/// Appends UTF-8 field text to a typed column builder, parsing numbers, bools, dates and timestamps straight
/// from the bytes (no per-field strings on the common forms). Rare forms (zoned timestamps, odd date layouts)
/// go through <see cref="ValueConverter"/> so the accepted text matches Fugue's string conversion.
/// Shared by the CSV reader (fields) and the JSON reader (string tokens for temporal columns, map keys).
/// </summary>
internal abstract class TextColumnSink
{
    protected TextColumnSink(ColumnBuilder builder) => Builder = builder;

    /// <summary>The builder values go to.</summary>
    public ColumnBuilder Builder { get; }

    /// <summary>Whether empty (or all-space) text is null for this type (all but str).</summary>
    public virtual bool EmptyIsNull => true;

    /// <summary>Appends the value of <paramref name="text"/>; false (nothing appended) when it does not parse.</summary>
    public abstract bool TryAppend(ReadOnlySpan<byte> text);

    /// <summary>Appends a null.</summary>
    public void AppendNull() => Builder.AppendNull();

    /// <summary>The sink for <paramref name="type"/>; nested types parse their text as JSON (<paramref name="nested"/>).</summary>
    public static TextColumnSink Create(DataType type, int capacity, Func<ColumnBuilder, TextColumnSink>? nested = null) =>
        Create(ColumnBuilder.Create(type, capacity), nested);

    /// <summary>The sink appending to an existing <paramref name="builder"/> (e.g. a nested child builder).</summary>
    public static TextColumnSink Create(ColumnBuilder builder, Func<ColumnBuilder, TextColumnSink>? nested = null)
    {
        var type = builder.Type;
        return type.Kind switch
        {
            TypeKind.String => new StringSink((StringColumnBuilder)builder),
            TypeKind.Int64 => new ParsedSink<long>(builder, static (ReadOnlySpan<byte> s, out long v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.Int32 => new ParsedSink<int>(builder, static (ReadOnlySpan<byte> s, out int v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.Int16 => new ParsedSink<short>(builder, static (ReadOnlySpan<byte> s, out short v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.Int8 => new ParsedSink<sbyte>(builder, static (ReadOnlySpan<byte> s, out sbyte v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.UInt64 => new ParsedSink<ulong>(builder, static (ReadOnlySpan<byte> s, out ulong v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.UInt32 => new ParsedSink<uint>(builder, static (ReadOnlySpan<byte> s, out uint v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.UInt16 => new ParsedSink<ushort>(builder, static (ReadOnlySpan<byte> s, out ushort v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.UInt8 => new ParsedSink<byte>(builder, static (ReadOnlySpan<byte> s, out byte v) => Utf8Parser.TryParse(s, out v, out var n) && n == s.Length),
            TypeKind.Float64 => new ParsedSink<double>(builder, static (ReadOnlySpan<byte> s, out double v) => Utf8FloatParser.TryParse(s, out v)),
            TypeKind.Float32 => new ParsedSink<float>(builder, static (ReadOnlySpan<byte> s, out float v) => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v)),
            TypeKind.Float16 => new ParsedSink<Half>(builder, static (ReadOnlySpan<byte> s, out Half v) => Half.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v)),
            TypeKind.Bool => new BoolSink((BooleanColumnBuilder)builder),
            TypeKind.Date => new DateSink((PrimitiveColumnBuilder<int>)builder),
            TypeKind.Timestamp => new TimestampSink((PrimitiveColumnBuilder<long>)builder),
            TypeKind.Decimal => new DecimalSink((DecimalColumnBuilder)builder),
            TypeKind.Binary => new BinarySink((BinaryColumnBuilder)builder),
            TypeKind.Null => new NullSink(builder),
            _ when type.IsNested && nested is not null => nested(builder),
            _ => throw new NotSupportedException($"columns of type {type} cannot be read from text"),
        };
    }

    /// <summary>Trims ASCII spaces (numbers and dates tolerate padding).</summary>
    protected static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Trim((byte)' ');

    private delegate bool Utf8Parse<T>(ReadOnlySpan<byte> s, out T value);

    private sealed class ParsedSink<T>(ColumnBuilder builder, Utf8Parse<T> parse) : TextColumnSink(builder) where T : unmanaged
    {
        private readonly PrimitiveColumnBuilder<T> _builder = (PrimitiveColumnBuilder<T>)builder;

        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            if (!parse(Trim(text), out var v))
            {
                return false;
            }

            _builder.Append(v);
            return true;
        }
    }

    private sealed class StringSink(StringColumnBuilder builder) : TextColumnSink(builder)
    {
        public override bool EmptyIsNull => false;

        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            if (!Utf8.IsValid(text))
            {
                return false;
            }

            builder.Append(text);
            return true;
        }
    }

    private sealed class BoolSink(BooleanColumnBuilder builder) : TextColumnSink(builder)
    {
        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            var s = Trim(text);
            bool v;
            if (Ascii.EqualsIgnoreCase(s, "true"u8) || s.SequenceEqual("1"u8))
            {
                v = true;
            }
            else if (Ascii.EqualsIgnoreCase(s, "false"u8) || s.SequenceEqual("0"u8))
            {
                v = false;
            }
            else
            {
                return false;
            }

            builder.Append(v);
            return true;
        }
    }

    private sealed class DateSink(PrimitiveColumnBuilder<int> builder) : TextColumnSink(builder)
    {
        private readonly ValueConverter _converter = ValueConverter.For(DataType.Date);

        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            var s = Trim(text);
            if (Utf8TemporalParser.TryParseDate(s, out var days))
            {
                builder.Append(days);
                return true;
            }

            if (!TryConvert(_converter, s, out var value))
            {
                return false;
            }

            builder.Append(TemporalConversions.ToDays((DateOnly)value!));
            return true;
        }
    }

    private sealed class TimestampSink(PrimitiveColumnBuilder<long> builder) : TextColumnSink(builder)
    {
        private readonly TimestampType _type = (TimestampType)builder.Type;
        private readonly ValueConverter _converter = ValueConverter.For(builder.Type);

        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            var s = Trim(text);
            DateTime dt;
            if (Utf8TemporalParser.TryParseDateTimeTicks(s, out var ticks))
            {
                dt = new DateTime(ticks, DateTimeKind.Unspecified);
            }
            else if (TryConvert(_converter, s, out var value))
            {
                dt = (DateTime)value!;
            }
            else
            {
                return false;
            }

            try
            {
                builder.Append(TemporalConversions.ToTimestamp(dt, _type));
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }

    private sealed class DecimalSink(DecimalColumnBuilder builder) : TextColumnSink(builder)
    {
        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            if (!decimal.TryParse(Trim(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return false;
            }

            try
            {
                builder.Append(d);
                return true;
            }
            catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException)
            {
                return false;
            }
        }
    }

    /// <summary>Binary fields are base64 text (the CSV writer's form).</summary>
    private sealed class BinarySink(BinaryColumnBuilder builder) : TextColumnSink(builder)
    {
        private byte[] _scratch = new byte[256];

        public override bool EmptyIsNull => false;

        public override bool TryAppend(ReadOnlySpan<byte> text)
        {
            var max = Base64.GetMaxDecodedFromUtf8Length(text.Length);
            if (_scratch.Length < max)
            {
                _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
            }

            if (Base64.DecodeFromUtf8(Trim(text), _scratch, out _, out var written) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            builder.Append(_scratch.AsSpan(0, written));
            return true;
        }
    }

    private sealed class NullSink(ColumnBuilder builder) : TextColumnSink(builder)
    {
        public override bool TryAppend(ReadOnlySpan<byte> text) => false;
    }

    private static bool TryConvert(ValueConverter converter, ReadOnlySpan<byte> utf8, out object? value)
    {
        value = null;
        if (!Utf8.IsValid(utf8))
        {
            return false;
        }

        try
        {
            value = converter.Convert(Encoding.UTF8.GetString(utf8));
            return value is not null;
        }
        catch (FugueValueConversionException)
        {
            return false;
        }
    }
}
