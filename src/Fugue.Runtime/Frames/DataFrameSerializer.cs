using System.Text;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A compact, versioned binary form of a frame's schema and rows, for shipping a local frame as a value (zip stores
/// each partition of each frame as one bytes cell, comap reads it back). The layout is driven by the schema, so
/// values carry no type tags: a presence byte per value, then the value (little-endian fixed-width numbers,
/// length-prefixed UTF-8 strings and bytes, dates as day numbers, timestamps as ticks and kind, nested values
/// recursively). Metadata is not serialised (it can hold arbitrary objects).
/// </summary>
public static class DataFrameSerializer
{
    private const uint Magic = 0x31464446; // "FDF1"

    /// <summary>Serialises the frame (an unbounded frame is read, and cached, first).</summary>
    public static byte[] Serialize(DataFrame frame)
    {
        using var stream = new MemoryStream();
        Serialize(frame, stream);
        return stream.ToArray();
    }

    /// <summary>Serialises the frame into <paramref name="stream"/>.</summary>
    public static void Serialize(DataFrame frame, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(stream);
        var local = frame.AsLocalBounded();
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(local.Schema.ToString());
        w.Write(local.Count());
        var types = local.Schema.Types;
        foreach (var row in local.AsArrayIterable())
        {
            for (var c = 0; c < row.Length; c++)
            {
                Write(w, types[c], row[c]);
            }
        }
    }

    /// <summary>Reads a frame written by <see cref="Serialize(DataFrame)"/> (as an <see cref="ArrayDataFrame"/>).</summary>
    /// <exception cref="FugueDataFrameException">The bytes are not a serialised frame or are truncated.</exception>
    public static ArrayDataFrame Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        return Deserialize(stream);
    }

    /// <summary>Reads a frame written by <see cref="Serialize(DataFrame, Stream)"/>.</summary>
    /// <exception cref="FugueDataFrameException">The data is not a serialised frame or is truncated.</exception>
    public static ArrayDataFrame Deserialize(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadUInt32() != Magic)
            {
                throw new FugueDataFrameException("not a serialised Fugue dataframe (bad header)");
            }

            var schema = Schema.Parse(r.ReadString());
            var count = r.ReadInt64();
            if (count < 0 || count > int.MaxValue)
            {
                throw new FugueDataFrameException($"serialised dataframe has an invalid row count {count}");
            }

            var types = schema.Types;
            var rows = new List<object?[]>((int)Math.Min(count, 1 << 16));
            for (long i = 0; i < count; i++)
            {
                var row = new object?[types.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = Read(r, types[c]);
                }

                rows.Add(row);
            }

            return new ArrayDataFrame(rows, schema, trusted: true);
        }
        catch (EndOfStreamException ex)
        {
            throw new FugueDataFrameException("serialised dataframe is truncated", ex);
        }
    }

    private static void Write(BinaryWriter w, DataType type, object? value)
    {
        if (value is null)
        {
            w.Write((byte)0);
            return;
        }

        w.Write((byte)1);
        switch (type)
        {
            case ListType list:
                {
                    var items = (object?[])value;
                    w.Write7BitEncodedInt(items.Length);
                    foreach (var item in items)
                    {
                        Write(w, list.ItemType, item);
                    }

                    return;
                }

            case StructType st:
                {
                    var dict = (IReadOnlyDictionary<string, object?>)value;
                    foreach (var f in st.Fields)
                    {
                        Write(w, f.Type, dict.TryGetValue(f.Name, out var v) ? v : null);
                    }

                    return;
                }

            case MapType map:
                {
                    var entries = (KeyValuePair<object, object?>[])value;
                    w.Write7BitEncodedInt(entries.Length);
                    foreach (var e in entries)
                    {
                        Write(w, map.KeyType, e.Key);
                        Write(w, map.ValueType, e.Value);
                    }

                    return;
                }
        }

        switch (type.Kind)
        {
            case TypeKind.Bool: w.Write((bool)value); break;
            case TypeKind.Int8: w.Write((sbyte)value); break;
            case TypeKind.UInt8: w.Write((byte)value); break;
            case TypeKind.Int16: w.Write((short)value); break;
            case TypeKind.UInt16: w.Write((ushort)value); break;
            case TypeKind.Int32: w.Write((int)value); break;
            case TypeKind.UInt32: w.Write((uint)value); break;
            case TypeKind.Int64: w.Write((long)value); break;
            case TypeKind.UInt64: w.Write((ulong)value); break;
            case TypeKind.Float16: w.Write((Half)value); break;
            case TypeKind.Float32: w.Write((float)value); break;
            case TypeKind.Float64: w.Write((double)value); break;
            case TypeKind.Decimal: w.Write((decimal)value); break;
            case TypeKind.String: w.Write((string)value); break;
            case TypeKind.Binary:
                var bytes = (byte[])value;
                w.Write7BitEncodedInt(bytes.Length);
                w.Write(bytes);
                break;
            case TypeKind.Date: w.Write(((DateOnly)value).DayNumber); break;
            case TypeKind.Timestamp:
                var dt = (DateTime)value;
                w.Write(dt.Ticks);
                w.Write((byte)dt.Kind);
                break;
            default:
                throw new FugueDataFrameException($"cannot serialise a value of type {type}");
        }
    }

    private static object? Read(BinaryReader r, DataType type)
    {
        var present = r.ReadByte();
        if (present == 0)
        {
            return null;
        }

        if (present != 1)
        {
            throw new FugueDataFrameException("serialised dataframe is corrupt (bad presence byte)");
        }

        switch (type)
        {
            case ListType list:
                {
                    var items = new object?[ReadLength(r)];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Read(r, list.ItemType);
                    }

                    return items;
                }

            case StructType st:
                {
                    var dict = new Dictionary<string, object?>(st.Fields.Count, StringComparer.Ordinal);
                    foreach (var f in st.Fields)
                    {
                        dict[f.Name] = Read(r, f.Type);
                    }

                    return dict;
                }

            case MapType map:
                {
                    var entries = new KeyValuePair<object, object?>[ReadLength(r)];
                    for (var i = 0; i < entries.Length; i++)
                    {
                        var key = Read(r, map.KeyType) ?? throw new FugueDataFrameException("serialised dataframe is corrupt (null map key)");
                        entries[i] = new KeyValuePair<object, object?>(key, Read(r, map.ValueType));
                    }

                    return entries;
                }
        }

        return type.Kind switch
        {
            TypeKind.Bool => r.ReadBoolean(),
            TypeKind.Int8 => r.ReadSByte(),
            TypeKind.UInt8 => r.ReadByte(),
            TypeKind.Int16 => r.ReadInt16(),
            TypeKind.UInt16 => r.ReadUInt16(),
            TypeKind.Int32 => r.ReadInt32(),
            TypeKind.UInt32 => r.ReadUInt32(),
            TypeKind.Int64 => r.ReadInt64(),
            TypeKind.UInt64 => r.ReadUInt64(),
            TypeKind.Float16 => r.ReadHalf(),
            TypeKind.Float32 => r.ReadSingle(),
            TypeKind.Float64 => r.ReadDouble(),
            TypeKind.Decimal => r.ReadDecimal(),
            TypeKind.String => r.ReadString(),
            TypeKind.Binary => ReadBytes(r),
            TypeKind.Date => DateOnly.FromDayNumber(r.ReadInt32()),
            TypeKind.Timestamp => new DateTime(r.ReadInt64(), (DateTimeKind)r.ReadByte()),
            _ => throw new FugueDataFrameException($"cannot deserialise a value of type {type}"),
        };
    }

    private static byte[] ReadBytes(BinaryReader r)
    {
        var n = ReadLength(r);
        var bytes = r.ReadBytes(n);
        return bytes.Length == n ? bytes : throw new EndOfStreamException();
    }

    private static int ReadLength(BinaryReader r)
    {
        var n = r.Read7BitEncodedInt();
        return n >= 0 ? n : throw new FugueDataFrameException("serialised dataframe is corrupt (negative length)");
    }
}
