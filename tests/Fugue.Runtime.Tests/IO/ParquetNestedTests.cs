using System.Collections;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Encodings;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

public class ParquetNestedTests
{
    private static readonly Schema Deep = Schema.Parse(
        "id:long,l:[int],ls:[str],s:{a:int,b:str,c:[double]},m:<str,[long]>,ll:[[int]],lsl:[{x:int,y:[str]}],sm:{m:<int,str>,t:bool},ml:<long,{p:[bool],q:date}>");

    internal static RecordBatch RandomBatch(Schema schema, int rows, int seed)
    {
        var rng = new Random(seed);
        var builder = new RecordBatchBuilder(schema, rows);
        var row = new object?[schema.Count];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                row[c] = c == 0 && schema[0].Type.Kind == TypeKind.Int64 ? (long)r : RandomValue(schema[c].Type, rng, 0);
            }

            builder.AppendRow(row);
        }

        return builder.Build();
    }

    private static object? RandomValue(DataType type, Random rng, int depth, bool allowNull = true)
    {
        if (allowNull && rng.Next(6) == 0)
        {
            return null;
        }

        switch (type)
        {
            case ListType l:
            {
                var n = rng.Next(5) switch { 0 => 0, 1 => 1, _ => rng.Next(0, 5) };
                var items = new object?[n];
                for (var i = 0; i < n; i++)
                {
                    items[i] = RandomValue(l.ItemType, rng, depth + 1);
                }

                return items;
            }
            case StructType s:
            {
                var d = new Dictionary<string, object?>();
                foreach (var f in s.Fields)
                {
                    d[f.Name] = RandomValue(f.Type, rng, depth + 1);
                }

                return d;
            }
            case MapType m:
            {
                var n = rng.Next(0, 4);
                var seen = new HashSet<object>();
                var entries = new List<KeyValuePair<object, object?>>();
                for (var i = 0; i < n; i++)
                {
                    var k = RandomValue(m.KeyType, rng, depth + 1, false)!;
                    if (seen.Add(k))
                    {
                        entries.Add(new KeyValuePair<object, object?>(k, RandomValue(m.ValueType, rng, depth + 1)));
                    }
                }

                return entries.ToArray();
            }
        }

        return type.Kind switch
        {
            TypeKind.Bool => rng.Next(2) == 0,
            TypeKind.Int32 => rng.Next(-50, 50),
            TypeKind.Int64 => rng.NextInt64(-1_000_000, 1_000_000),
            TypeKind.Float64 => rng.Next(10) == 0 ? double.NaN : rng.NextDouble(),
            TypeKind.String => "s" + rng.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TypeKind.Date => DateOnly.FromDayNumber(rng.Next(700_000, 740_000)),
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    internal static void AssertDeepEqual(object? expected, object? actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{where}: expected null, got {actual}");
                return;
            case double d:
                Assert.True(actual is double a && BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(d), $"{where}: expected {d}, got {actual}");
                return;
            case byte[] b:
                Assert.True(actual is byte[] ab && ab.AsSpan().SequenceEqual(b), $"{where}: bytes differ");
                return;
            case IDictionary<string, object?> ed:
            {
                var ad = Assert.IsType<Dictionary<string, object?>>(actual);
                Assert.Equal(ed.Keys, ad.Keys);
                foreach (var (k, v) in ed)
                {
                    AssertDeepEqual(v, ad[k], where + "." + k);
                }

                return;
            }
            case KeyValuePair<object, object?>[] em:
            {
                var am = Assert.IsType<KeyValuePair<object, object?>[]>(actual);
                Assert.True(em.Length == am.Length, $"{where}: map has {am.Length} entries, expected {em.Length}");
                for (var i = 0; i < em.Length; i++)
                {
                    AssertDeepEqual(em[i].Key, am[i].Key, $"{where}<key {i}>");
                    AssertDeepEqual(em[i].Value, am[i].Value, $"{where}<value {i}>");
                }

                return;
            }
            case object?[] el:
            {
                var al = Assert.IsType<object?[]>(actual);
                Assert.True(el.Length == al.Length, $"{where}: list has {al.Length} items, expected {el.Length}");
                for (var i = 0; i < el.Length; i++)
                {
                    AssertDeepEqual(el[i], al[i], $"{where}[{i}]");
                }

                return;
            }
            default:
                Assert.True(Equals(expected, actual), $"{where}: expected {expected}, got {actual}");
                return;
        }
    }

    internal static void AssertBatchesEqual(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            for (var r = 0; r < expected.Length; r++)
            {
                AssertDeepEqual(expected.GetValue(r, c), actual.GetValue(r, c), $"{expected.Schema[c].Name} row {r}");
            }
        }
    }

    private static byte[] Write(Schema schema, ParquetWriterOptions options, params RecordBatch[] batches)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, schema, options, leaveOpen: true))
        {
            foreach (var b in batches)
            {
                writer.Write(b);
            }
        }

        return ms.ToArray();
    }

    private static RecordBatch ReadAll(byte[] file, IEnumerable<string>? columns = null)
    {
        using var reader = new ParquetReader(new MemoryStream(file));
        var batches = reader.ReadRowGroups(columns).ToList();
        return Concat(batches, reader.Schema, columns);
    }

    private static RecordBatch Concat(List<RecordBatch> batches, Schema fileSchema, IEnumerable<string>? columns)
    {
        var schema = columns is null ? fileSchema : new Schema(columns.Select(n => fileSchema[n]));
        var builder = new RecordBatchBuilder(schema);
        foreach (var b in batches)
        {
            for (var r = 0; r < b.Length; r++)
            {
                var row = new object?[b.Schema.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = b.GetValue(r, c);
                }

                builder.AppendRow(row);
            }
        }

        return builder.Build();
    }

    public static TheoryData<CompressionCodec, int, bool> Configurations()
    {
        var data = new TheoryData<CompressionCodec, int, bool>();
        foreach (var codec in new[] { CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Zstd, CompressionCodec.Lz4Raw })
        {
            data.Add(codec, 1, true);
            data.Add(codec, 2, false);
        }

        data.Add(CompressionCodec.Snappy, 1, false);
        data.Add(CompressionCodec.Zstd, 2, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DeepNestingRoundTripsWithEveryNullPattern(CompressionCodec codec, int pageVersion, bool dictionary)
    {
        var batch = RandomBatch(Deep, 700, 42 + (int)codec);
        var options = new ParquetWriterOptions
        {
            Compression = codec, DataPageVersion = pageVersion, UseDictionary = dictionary, DataPageRowCount = 37, RowGroupRowCount = 250,
        };
        var file = Write(Deep, options, batch);
        using (var reader = new ParquetReader(new MemoryStream(file)))
        {
            Assert.Equal(Deep, reader.Schema);
            Assert.Equal(3, reader.RowGroupCount);
        }

        AssertBatchesEqual(batch, ReadAll(file));
    }

    [Fact]
    public void SlicedBatchesAndColumnSelectionRoundTrip()
    {
        var batch = RandomBatch(Deep, 300, 7);
        var slice = batch.Slice(41, 200);
        var file = Write(Deep, new ParquetWriterOptions { DataPageRowCount = 16 }, slice);
        AssertBatchesEqual(slice, ReadAll(file));
        string[] pick = ["ml", "l", "s"];
        AssertBatchesEqual(slice.SelectColumns(pick), ReadAll(file, pick));
    }

    [Fact]
    public void AllNullAndAllEmptyColumnsRoundTrip()
    {
        var schema = Schema.Parse("a:[[int]],b:{x:[str]},c:<str,int>");
        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow([null, null, null]);
        builder.AppendRow([Array.Empty<object?>(), new Dictionary<string, object?> { ["x"] = null }, Array.Empty<KeyValuePair<object, object?>>()]);
        builder.AppendRow([new object?[] { null, Array.Empty<object?>() }, new Dictionary<string, object?> { ["x"] = new object?[] { null } }, null]);
        var batch = builder.Build();
        foreach (var version in new[] { 1, 2 })
        {
            AssertBatchesEqual(batch, ReadAll(Write(schema, new ParquetWriterOptions { DataPageVersion = version }, batch)));
        }
    }

    private static (int[] Rep, int[] Def) Levels(Schema schema, RecordBatch batch, int leaf)
    {
        var elements = new List<SchemaElement>();
        ParquetSchemaNode.ToElements(schema[0], false, elements);
        var fields = ParquetSchemaNode.Parse([new SchemaElement { Name = "schema", NumChildren = 1 }, .. elements], null);
        var node = fields[0].Leaves().ElementAt(leaf);
        var data = NestedColumnShredder.Shred(fields[0], node, batch.Column(0));
        return (data.RepLevels ?? new int[data.Rows], data.Levels);
    }

    [Fact]
    public void ListLevelsMatchTheSpecification()
    {
        // optional group a (LIST) { repeated group list { optional int32 element } }: max def 3, max rep 1.
        var schema = Schema.Parse("a:[int]");
        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow([new object?[] { 1, null, 2 }]);
        builder.AppendRow([Array.Empty<object?>()]);
        builder.AppendRow([null]);
        builder.AppendRow([new object?[] { null }]);
        var (rep, def) = Levels(schema, builder.Build(), 0);
        Assert.Equal([0, 1, 1, 0, 0, 0], rep);
        Assert.Equal([3, 2, 3, 1, 0, 2], def);
    }

    [Fact]
    public void NestedListAndStructLevelsMatchTheDremelRules()
    {
        // a: optional struct { x: optional list of optional list of optional int }: max def 6, max rep 2.
        var schema = Schema.Parse("a:{x:[[int]]}");
        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow([null]); // struct null: def 0
        builder.AppendRow([new Dictionary<string, object?> { ["x"] = null }]); // list null: def 1
        builder.AppendRow([new Dictionary<string, object?> { ["x"] = new object?[] { new object?[] { 1, 2 }, null, Array.Empty<object?>(), new object?[] { null } } }]);
        var (rep, def) = Levels(schema, builder.Build(), 0);
        Assert.Equal([0, 0, 0, 2, 1, 1, 1], rep);
        Assert.Equal([0, 1, 6, 6, 3, 4, 5], def);
    }

    [Fact]
    public void MapLevelsKeepRequiredKeys()
    {
        // optional group m (MAP) { repeated group key_value { required binary key; optional int32 value } }.
        var schema = Schema.Parse("m:<str,int>");
        var builder = new RecordBatchBuilder(schema);
        builder.AppendRow([new[] { new KeyValuePair<object, object?>("a", 1), new KeyValuePair<object, object?>("b", null) }]);
        builder.AppendRow([null]);
        builder.AppendRow([Array.Empty<KeyValuePair<object, object?>>()]);
        var batch = builder.Build();
        var (keyRep, keyDef) = Levels(schema, batch, 0);
        var (valueRep, valueDef) = Levels(schema, batch, 1);
        Assert.Equal([0, 1, 0, 0], keyRep);
        Assert.Equal([2, 2, 0, 1], keyDef);
        Assert.Equal(keyRep, valueRep);
        Assert.Equal([3, 2, 0, 1], valueDef);
    }

    /// <summary>Writes a one-column file with a hand-made schema, shredding the column by that schema's levels.</summary>
    private static byte[] WriteWithElements(List<SchemaElement> elements, Column column, int rows)
    {
        var schema = (List<SchemaElement>)[new SchemaElement { Name = "schema", NumChildren = 1 }, .. elements];
        var field = ParquetSchemaNode.Parse(schema, null)[0];
        using var ms = new MemoryStream();
        ms.Write(ParquetFooter.Magic);
        var chunks = new List<ColumnChunk>();
        var options = new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed };
        foreach (var leaf in field.Leaves())
        {
            var buffer = new GrowableBuffer(256);
            var data = NestedColumnShredder.Shred(field, leaf, column);
            chunks.Add(ColumnChunkWriter.Write(data, leaf.Type, leaf.Element!, leaf.Path, options, buffer, ms.Position));
            ms.Write(buffer.WrittenSpan);
        }

        ParquetFooter.Write(ms, new FileMetaData
        {
            Version = 1, Schema = schema, NumRows = rows,
            RowGroups = [new RowGroup { Columns = chunks, NumRows = rows, TotalByteSize = ms.Length }],
        });
        return ms.ToArray();
    }

    private static Column IntLists(out int rows)
    {
        var builder = new RecordBatchBuilder(Schema.Parse("a:[int]"));
        builder.AppendRow([new object?[] { 1, 2, 3 }]);
        builder.AppendRow([Array.Empty<object?>()]);
        builder.AppendRow([new object?[] { 4 }]);
        rows = 3;
        return builder.Build().Column(0);
    }

    [Fact]
    public void LegacyTwoLevelListsAreRead()
    {
        var column = IntLists(out var rows);
        // optional group a (LIST) { repeated int32 element; }
        var twoLevel = WriteWithElements(
        [
            new SchemaElement { Name = "a", RepetitionType = FieldRepetitionType.Optional, NumChildren = 1, ConvertedType = ConvertedType.List },
            new SchemaElement { Name = "element", RepetitionType = FieldRepetitionType.Repeated, Type = PhysicalType.Int32 },
        ], column, rows);
        // repeated int32 a; (a bare repeated field)
        var bare = WriteWithElements([new SchemaElement { Name = "a", RepetitionType = FieldRepetitionType.Repeated, Type = PhysicalType.Int32 }], column, rows);
        // optional group a (LIST) { repeated group array { required int32 x; } }: the element is the struct.
        var structBuilder = new RecordBatchBuilder(Schema.Parse("a:[{x:int}]"));
        structBuilder.AppendRow([new object?[] { new Dictionary<string, object?> { ["x"] = 5 } }]);
        structBuilder.AppendRow([null]);
        var arrayForm = WriteWithElements(
        [
            new SchemaElement { Name = "a", RepetitionType = FieldRepetitionType.Optional, NumChildren = 1, ConvertedType = ConvertedType.List },
            new SchemaElement { Name = "array", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 },
            new SchemaElement { Name = "x", RepetitionType = FieldRepetitionType.Required, Type = PhysicalType.Int32 },
        ], structBuilder.Build().Column(0), 2);

        foreach (var file in new[] { twoLevel, bare })
        {
            var batch = ReadAll(file);
            Assert.Equal(Schema.Parse("a:[int]"), batch.Schema);
            AssertDeepEqual(new object?[] { 1, 2, 3 }, batch.GetValue(0, 0), "row 0");
            AssertDeepEqual(Array.Empty<object?>(), batch.GetValue(1, 0), "row 1");
            AssertDeepEqual(new object?[] { 4 }, batch.GetValue(2, 0), "row 2");
        }

        var structs = ReadAll(arrayForm);
        Assert.Equal(Schema.Parse("a:[{x:int}]"), structs.Schema);
        AssertDeepEqual(new object?[] { new Dictionary<string, object?> { ["x"] = 5 } }, structs.GetValue(0, 0), "row 0");
        Assert.Null(structs.GetValue(1, 0));
    }
}
