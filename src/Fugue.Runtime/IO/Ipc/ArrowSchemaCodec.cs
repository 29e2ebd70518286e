using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>Maps our <see cref="Schema"/> to and from Arrow's Schema.fbs tables.</summary>
internal static class ArrowSchemaCodec
{
    private const int MaxDepth = 64;

    // ---- write ----

    public static int Write(FlatBufferBuilder b, Schema schema, IReadOnlyDictionary<string, string>? metadata)
    {
        var fields = new int[schema.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = WriteField(b, schema[i].Name, schema[i].Type, nullable: true);
        }

        var fv = b.CreateOffsetVector(fields);
        var md = WriteMetadata(b, metadata);
        b.StartTable(4);
        b.AddOffset(1, fv);
        b.AddOffset(2, md);
        return b.EndTable();
    }

    public static int WriteMetadata(FlatBufferBuilder b, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return 0;
        }

        var kvs = new int[metadata.Count];
        var i = 0;
        foreach (var (k, v) in metadata)
        {
            var ko = b.CreateString(k);
            var vo = b.CreateString(v);
            b.StartTable(2);
            b.AddOffset(0, ko);
            b.AddOffset(1, vo);
            kvs[i++] = b.EndTable();
        }

        return b.CreateOffsetVector(kvs);
    }

    private static int WriteField(FlatBufferBuilder b, string name, DataType type, bool nullable)
    {
        int[] children;
        switch (type)
        {
            case ListType l:
                children = [WriteField(b, "item", l.ItemType, true)];
                break;
            case StructType s:
                children = new int[s.Fields.Count];
                for (var i = 0; i < children.Length; i++)
                {
                    children[i] = WriteField(b, s.Fields[i].Name, s.Fields[i].Type, true);
                }

                break;
            case MapType m:
                // Map keys and the entries struct must not be nullable (Schema.fbs).
                int[] kv = [WriteField(b, "key", m.KeyType, false), WriteField(b, "value", m.ValueType, true)];
                var kvVec = b.CreateOffsetVector(kv);
                var structType = WriteEmptyTable(b);
                var entriesName = b.CreateString("entries");
                b.StartTable(7);
                b.AddOffset(0, entriesName);
                b.AddByte(2, (byte)ArrowTypeId.Struct, 0);
                b.AddOffset(3, structType);
                b.AddOffset(5, kvVec);
                children = [b.EndTable()];
                break;
            default:
                children = [];
                break;
        }

        var childVec = b.CreateOffsetVector(children);
        var typeOff = WriteType(b, type, out var id);
        var nameOff = b.CreateString(name);
        b.StartTable(7);
        b.AddOffset(0, nameOff);
        b.AddBool(1, nullable, false);
        b.AddByte(2, (byte)id, 0);
        b.AddOffset(3, typeOff);
        b.AddOffset(5, childVec);
        return b.EndTable();
    }

    private static int WriteEmptyTable(FlatBufferBuilder b)
    {
        b.StartTable(0);
        return b.EndTable();
    }

    private static int WriteType(FlatBufferBuilder b, DataType type, out ArrowTypeId id)
    {
        switch (type.Kind)
        {
            case TypeKind.Null:
                id = ArrowTypeId.Null;
                return WriteEmptyTable(b);
            case TypeKind.Bool:
                id = ArrowTypeId.Bool;
                return WriteEmptyTable(b);
            case TypeKind.Int8 or TypeKind.UInt8 or TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Int32 or TypeKind.UInt32
                or TypeKind.Int64 or TypeKind.UInt64:
                id = ArrowTypeId.Int;
                b.StartTable(2);
                b.AddInt(0, type.ByteWidth * 8, 0);
                b.AddBool(1, type.IsSignedInteger, false);
                return b.EndTable();
            case TypeKind.Float16 or TypeKind.Float32 or TypeKind.Float64:
                id = ArrowTypeId.FloatingPoint;
                b.StartTable(1);
                b.AddShort(0, type.Kind switch { TypeKind.Float16 => 0, TypeKind.Float32 => 1, _ => 2 }, 0);
                return b.EndTable();
            case TypeKind.String:
                id = ArrowTypeId.Utf8;
                return WriteEmptyTable(b);
            case TypeKind.Binary:
                id = ArrowTypeId.Binary;
                return WriteEmptyTable(b);
            case TypeKind.Date:
                id = ArrowTypeId.Date;
                b.StartTable(1);
                b.AddShort(0, 0, -1); // DAY (0) differs from the schema default MILLISECOND: always write it
                return b.EndTable();
            case TypeKind.Timestamp:
            {
                id = ArrowTypeId.Timestamp;
                var ts = (TimestampType)type;
                var tz = ts.TimeZone is null ? 0 : b.CreateString(ts.TimeZone);
                b.StartTable(2);
                b.AddShort(0, (short)ts.Unit, -1);
                b.AddOffset(1, tz);
                return b.EndTable();
            }

            case TypeKind.Decimal:
            {
                id = ArrowTypeId.Decimal;
                var d = (DecimalType)type;
                b.StartTable(3);
                b.AddInt(0, d.Precision, -1);
                b.AddInt(1, d.Scale, -1);
                b.AddInt(2, 128, -1);
                return b.EndTable();
            }

            case TypeKind.List:
                id = ArrowTypeId.List;
                return WriteEmptyTable(b);
            case TypeKind.Struct:
                id = ArrowTypeId.Struct;
                return WriteEmptyTable(b);
            case TypeKind.Map:
                id = ArrowTypeId.Map;
                b.StartTable(1);
                b.AddBool(0, false, true); // keysSorted=false, written explicitly
                return b.EndTable();
            default:
                throw new NotSupportedException($"type {type} has no Arrow IPC mapping");
        }
    }

    // ---- read ----

    /// <summary>Reads a Schema table into our schema and the per-field read plans.</summary>
    public static (Schema Schema, IpcField[] Fields, IReadOnlyDictionary<string, string>? Metadata) Read(FlatBufferTable table)
    {
        if (table.GetShort(0, 0) != 0)
        {
            throw new ArrowIpcUnsupportedException("big-endian Arrow data is not supported");
        }

        var ft = table.GetTableVector(1);
        var fields = new IpcField[ft.Length];
        var schemaFields = new Field[ft.Length];
        for (var i = 0; i < ft.Length; i++)
        {
            fields[i] = ReadField(ft[i], 0);
            schemaFields[i] = new Field(fields[i].Name, fields[i].Type);
        }

        Schema schema;
        try
        {
            schema = new Schema(schemaFields);
        }
        catch (FugueSchemaException e)
        {
            throw new ArrowIpcFormatException("the Arrow schema is not a valid Fugue schema: " + e.Message, e);
        }

        return (schema, fields, ReadMetadata(table, 2));
    }

    public static IReadOnlyDictionary<string, string>? ReadMetadata(FlatBufferTable table, int slot)
    {
        var kvs = table.GetTableVector(slot);
        if (kvs.Length == 0)
        {
            return null;
        }

        var d = new Dictionary<string, string>(kvs.Length, StringComparer.Ordinal);
        foreach (var kv in kvs)
        {
            d[kv.GetString(0) ?? ""] = kv.GetString(1) ?? "";
        }

        return d;
    }

    private static IpcField ReadField(FlatBufferTable t, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArrowIpcFormatException($"Arrow schema nests deeper than {MaxDepth} levels", t.Position);
        }

        var name = t.GetString(0) ?? "";
        var typeId = (ArrowTypeId)t.GetByte(2, 0);
        var typeTable = t.GetTable(3);
        var childTables = t.GetTableVector(5);
        var children = new IpcField[childTables.Length];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = ReadField(childTables[i], depth + 1);
        }

        var (type, layout) = MapType(name, typeId, typeTable, children, t.Position);
        var dict = t.GetTable(4);
        if (dict is not { } de)
        {
            return new IpcField(name, type, layout, children);
        }

        var id = de.GetLong(0, 0);
        var width = 4;
        var signed = true;
        if (de.GetTable(1) is { } it)
        {
            var bits = it.GetInt(0, 0);
            if (bits is not (8 or 16 or 32 or 64))
            {
                throw new ArrowIpcFormatException($"field '{name}': dictionary index bit width {bits} is invalid", it.Position);
            }

            width = bits / 8;
            signed = it.GetBool(1, false);
        }

        return new IpcField(name, type, layout, children) { DictionaryId = id, IndexWidth = width, IndexSigned = signed };
    }

    private static (DataType, IpcLayout) MapType(string name, ArrowTypeId id, FlatBufferTable? tt, IpcField[] children, int pos)
    {
        FlatBufferTable Table() => tt ?? throw new ArrowIpcFormatException($"field '{name}': type table of {id} is missing", pos);

        void Arity(int n)
        {
            if (children.Length != n)
            {
                throw new ArrowIpcFormatException($"field '{name}': {id} needs {n} child fields, found {children.Length}", pos);
            }
        }

        switch (id)
        {
            case ArrowTypeId.Null:
                return (DataType.Null, IpcLayout.Null);
            case ArrowTypeId.Bool:
                return (DataType.Bool, IpcLayout.Bool);
            case ArrowTypeId.Int:
            {
                var t = Table();
                var bits = t.GetInt(0, 0);
                var signed = t.GetBool(1, false);
                DataType type = (bits, signed) switch
                {
                    (8, true) => DataType.Int8,
                    (8, false) => DataType.UInt8,
                    (16, true) => DataType.Int16,
                    (16, false) => DataType.UInt16,
                    (32, true) => DataType.Int32,
                    (32, false) => DataType.UInt32,
                    (64, true) => DataType.Int64,
                    (64, false) => DataType.UInt64,
                    _ => throw new ArrowIpcFormatException($"field '{name}': Int bit width {bits} is invalid", t.Position),
                };
                return (type, IpcLayout.Fixed);
            }

            case ArrowTypeId.FloatingPoint:
            {
                var p = Table().GetShort(0, 0);
                DataType type = p switch
                {
                    0 => DataType.Float16,
                    1 => DataType.Float32,
                    2 => DataType.Float64,
                    _ => throw new ArrowIpcFormatException($"field '{name}': FloatingPoint precision {p} is invalid", pos),
                };
                return (type, IpcLayout.Fixed);
            }

            case ArrowTypeId.Utf8:
                return (DataType.String, IpcLayout.Variable32);
            case ArrowTypeId.Binary:
                return (DataType.Binary, IpcLayout.Variable32);
            case ArrowTypeId.LargeUtf8:
                return (DataType.String, IpcLayout.Variable64);
            case ArrowTypeId.LargeBinary:
                return (DataType.Binary, IpcLayout.Variable64);
            case ArrowTypeId.Utf8View:
                return (DataType.String, IpcLayout.View);
            case ArrowTypeId.BinaryView:
                return (DataType.Binary, IpcLayout.View);
            case ArrowTypeId.Date:
            {
                var unit = Table().GetShort(0, 1);
                return unit switch
                {
                    0 => (DataType.Date, IpcLayout.Fixed),
                    1 => (DataType.Date, IpcLayout.DateMilliseconds),
                    _ => throw new ArrowIpcFormatException($"field '{name}': Date unit {unit} is invalid", pos),
                };
            }

            case ArrowTypeId.Timestamp:
            {
                var t = Table();
                var unit = t.GetShort(0, 0);
                if (unit is < 0 or > 3)
                {
                    throw new ArrowIpcFormatException($"field '{name}': Timestamp unit {unit} is invalid", t.Position);
                }

                var tz = t.GetString(1);
                return (DataType.Timestamp((TimeUnit)unit, string.IsNullOrEmpty(tz) ? null : tz), IpcLayout.Fixed);
            }

            case ArrowTypeId.Decimal:
            {
                var t = Table();
                var precision = t.GetInt(0, 0);
                var scale = t.GetInt(1, 0);
                var bits = t.GetInt(2, 128);
                if (bits != 128)
                {
                    throw new ArrowIpcUnsupportedException($"field '{name}': Decimal{bits} is not supported (only 128-bit decimals)");
                }

                if (precision is < 1 or > 38 || scale < 0 || scale > precision)
                {
                    throw new ArrowIpcUnsupportedException(
                        $"field '{name}': Decimal(precision {precision}, scale {scale}) is not supported (precision 1..38, scale 0..precision)");
                }

                return (DataType.Decimal(precision, scale), IpcLayout.Fixed);
            }

            case ArrowTypeId.List or ArrowTypeId.LargeList:
                Arity(1);
                return (DataType.List(children[0].Type), id == ArrowTypeId.List ? IpcLayout.List32 : IpcLayout.List64);
            case ArrowTypeId.Struct:
            {
                var fs = new Field[children.Length];
                for (var i = 0; i < fs.Length; i++)
                {
                    fs[i] = new Field(children[i].Name, children[i].Type);
                }

                try
                {
                    return (DataType.Struct(fs), IpcLayout.Struct);
                }
                catch (FugueSchemaException e)
                {
                    throw new ArrowIpcFormatException($"field '{name}': " + e.Message, pos, e);
                }
            }

            case ArrowTypeId.Map:
                Arity(1);
                if (children[0].Layout != IpcLayout.Struct || children[0].Children.Length != 2 || children[0].DictionaryId is not null)
                {
                    throw new ArrowIpcFormatException($"field '{name}': a Map's child must be a struct of key and value", pos);
                }

                return (DataType.Map(children[0].Children[0].Type, children[0].Children[1].Type), IpcLayout.Map);
            case ArrowTypeId.None:
                throw new ArrowIpcFormatException($"field '{name}' has no type", pos);
            case ArrowTypeId.Time or ArrowTypeId.Interval or ArrowTypeId.Union or ArrowTypeId.FixedSizeBinary or ArrowTypeId.FixedSizeList
                or ArrowTypeId.Duration or ArrowTypeId.RunEndEncoded or ArrowTypeId.ListView or ArrowTypeId.LargeListView:
                throw new ArrowIpcUnsupportedException($"field '{name}': Arrow type {id} is not supported by Fugue");
            default:
                throw new ArrowIpcFormatException($"field '{name}': unknown Arrow type id {(byte)id}", pos);
        }
    }
}
