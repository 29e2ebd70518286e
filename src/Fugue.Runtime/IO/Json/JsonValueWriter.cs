using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>
/// Writes one value of a column as JSON, with no per-value strings for scalars: numbers as JSON numbers
/// (non-finite floats as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>), decimals as exact JSON
/// numbers, bools, strings, dates as <c>"YYYY-MM-DD"</c>, timestamps as ISO 8601 <c>"YYYY-MM-DDTHH:MM:SS[.fffffff]"</c>
/// (a <c>Z</c> for zoned types, whose values are UTC instants), bytes as base64 strings, lists as arrays, structs as
/// objects, maps with string keys as objects and other maps as arrays of <c>[key, value]</c> pairs.
/// </summary>
internal static class JsonValueWriter
{
    public static void Write(Utf8JsonWriter w, Column column, int row)
    {
        if (column.IsNull(row))
        {
            w.WriteNullValue();
            return;
        }

        switch (column)
        {
            case PrimitiveColumn<long> c when c.Type.Kind == TypeKind.Int64:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<int> c when c.Type.Kind == TypeKind.Int32:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<short> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<sbyte> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<ulong> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<uint> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<ushort> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<byte> c:
                w.WriteNumberValue(c[row]);
                return;
            case PrimitiveColumn<double> c:
                WriteDouble(w, c[row]);
                return;
            case PrimitiveColumn<float> c:
                WriteFloat(w, c[row]);
                return;
            case PrimitiveColumn<Half> c:
                WriteFloat(w, (float)c[row]);
                return;
            case PrimitiveColumn<int> c when c.Type.Kind == TypeKind.Date:
                {
                    Span<byte> buf = stackalloc byte[16];
                    TemporalConversions.ToDateOnly(c[row]).TryFormat(buf, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    w.WriteStringValue(buf[..n]);
                    return;
                }

            case PrimitiveColumn<long> c when c.Type is TimestampType t:
                {
                    Span<byte> buf = stackalloc byte[40];
                    var n = FormatTimestamp(c[row], t, buf, (byte)'T');
                    w.WriteStringValue(buf[..n]);
                    return;
                }

            case BooleanColumn c:
                w.WriteBooleanValue(c.GetBoolean(row));
                return;
            case StringColumn c:
                w.WriteStringValue(c.GetBytes(row));
                return;
            case BinaryColumn c:
                w.WriteBase64StringValue(c.GetBytes(row));
                return;
            case DecimalColumn c:
                w.WriteNumberValue(c.GetDecimal(row));
                return;
            case ListColumn c:
                {
                    var offsets = c.Offsets;
                    w.WriteStartArray();
                    for (var k = offsets[row]; k < offsets[row + 1]; k++)
                    {
                        Write(w, c.Values, k);
                    }

                    w.WriteEndArray();
                    return;
                }

            case StructColumn c:
                {
                    var fields = c.StructType.Fields;
                    w.WriteStartObject();
                    for (var f = 0; f < fields.Count; f++)
                    {
                        w.WritePropertyName(fields[f].Name);
                        Write(w, c.Children[f], row);
                    }

                    w.WriteEndObject();
                    return;
                }

            case MapColumn c:
                {
                    var offsets = c.Offsets;
                    if (c.Keys is StringColumn keys)
                    {
                        w.WriteStartObject();
                        for (var k = offsets[row]; k < offsets[row + 1]; k++)
                        {
                            w.WritePropertyName(keys.GetBytes(k));
                            Write(w, c.Items, k);
                        }

                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteStartArray();
                        for (var k = offsets[row]; k < offsets[row + 1]; k++)
                        {
                            w.WriteStartArray();
                            Write(w, c.Keys, k);
                            Write(w, c.Items, k);
                            w.WriteEndArray();
                        }

                        w.WriteEndArray();
                    }

                    return;
                }

            case NullColumn:
                w.WriteNullValue();
                return;
            default:
                throw new NotSupportedException($"columns of type {column.Type} cannot be written as JSON");
        }
    }

    /// <summary>
    /// Formats a timestamp storage value as <c>YYYY-MM-DD?HH:MM:SS[.fffffff]</c> (<paramref name="separator"/> between
    /// date and time, trailing fraction zeros trimmed, a <c>Z</c> for zoned types); returns the bytes written.
    /// </summary>
    public static int FormatTimestamp(long value, TimestampType type, Span<byte> buf, byte separator)
    {
        var dt = TemporalConversions.ToDateTime(value, type);
        dt.TryFormat(buf, out var n, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        buf[10] = separator;
        var fraction = dt.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            buf[n++] = (byte)'.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            Utf8Formatter.TryFormat((ulong)fraction, buf[n..], out var written, new System.Buffers.StandardFormat('D', (byte)digits));
            n += written;
        }

        if (type.TimeZone is not null)
        {
            buf[n++] = (byte)'Z';
        }

        return n;
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsFinite(d))
        {
            w.WriteNumberValue(d);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloat(Utf8JsonWriter w, float f)
    {
        if (float.IsFinite(f))
        {
            w.WriteNumberValue(f);
        }
        else
        {
            w.WriteStringValue(float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
        }
    }
}
