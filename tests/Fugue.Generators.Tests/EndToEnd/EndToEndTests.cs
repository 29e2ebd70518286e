using Fugue.Columnar;
using Fugue.Configuration;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Generators.Tests.EndToEnd;

/// <summary>Generated adapters executed on local frames, through the registry filled by the module initializer.</summary>
[Collection("Pipelines.Seen")]
public class EndToEndTests
{
    private const string Prefix = "Fugue.Generators.Tests.EndToEnd.Pipelines.";
    private static readonly DateTime T0 = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);

    private static LocalDataFrame Frame(string schema, params object?[][] rows) => new ArrayDataFrame(rows, Schema.Parse(schema));

    private static PartitionCursor Cursor(Schema schema, int partition = 0)
    {
        var cursor = new PartitionCursor(schema, PartitionSpec.Empty, 0);
        cursor.Set(new object?[schema.Count], partition, 0);
        return cursor;
    }

    private static LocalDataFrame Run(string method, LocalDataFrame df, ParamDict? parameters = null)
    {
        var transformer = TransformerRegistry.Get(Prefix + method).CreateTransformer(parameters);
        return transformer.Transform(Cursor(df.Schema), df);
    }

    private static LocalDataFrame Sales(params object?[][] extraRows) =>
        Frame("Region:str,Key:int,Amount:double,Ts:datetime,Unused:str",
            new object?[] { "east", 1, 10.5, T0, "x" },
            new object?[] { "west", 2, 20.0, T0.AddDays(1), "y" });

    [Fact]
    public void RowsToRows_StarHint_ExtraColumnsIgnored_DefaultParam()
    {
        var result = Run(nameof(Pipelines.RankWithinKey), Sales());
        Assert.Equal("Region:str,Key:int,Amount:double,Ts:datetime,Rank:int", result.Schema.ToString());
        var rows = result.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { "east", 1, 10.5, T0, 1 }, rows[0]);
        Assert.Equal(new object?[] { "west", 2, 20.0, T0.AddDays(1), 2 }, rows[1]);
    }

    [Fact]
    public void Params_GivenValueOverridesTheDefault()
    {
        var result = Run(nameof(Pipelines.RankWithinKey), Sales(), new ParamDict().Set("start", 10));
        Assert.Equal(new object?[] { 10, 11 }, result.AsArray().Select(r => r[4]).ToArray());
    }

    [Fact]
    public void Params_UnknownNameIsAnError()
    {
        var e = Assert.Throws<FugueTransformerException>(() =>
            TransformerRegistry.Get(Prefix + nameof(Pipelines.RankWithinKey)).CreateTransformer(new ParamDict().Set("stat", 10)));
        Assert.Equal("Transformer '" + Prefix + "RankWithinKey' has no parameter 'stat'; its parameters are: start.", e.Message);
    }

    [Fact]
    public void Params_MissingRequiredIsAnError()
    {
        var e = Assert.Throws<FugueTransformerException>(() => TransformerRegistry.Get(Prefix + nameof(Pipelines.Arrays)).CreateTransformer());
        Assert.Equal("Transformer '" + Prefix + "Arrays' needs the parameter 'factor' (Int64), but the params do not contain it.", e.Message);
    }

    [Fact]
    public void Params_AreConvertedToTheParameterType_OrRejected()
    {
        var result = Run(nameof(Pipelines.Arrays), Frame("a:int", new object?[] { 1 }), new ParamDict().Set("factor", 3));
        Assert.Equal(new object?[] { 1, 3L }, Assert.Single(result.AsArray()));
        var e = Assert.Throws<FugueTransformerException>(() =>
            TransformerRegistry.Get(Prefix + nameof(Pipelines.Arrays)).CreateTransformer(new ParamDict().Set("factor", "many")));
        Assert.Equal("Transformer '" + Prefix + "Arrays': parameter 'factor' needs a Int64, but got String 'many'.", e.Message);
    }

    [Fact]
    public void NestedColumnOfTheWrongKind_IsAClearError()
    {
        var df = Frame("Id:int,Center:[double],Path:[{X:double,Y:double}],Labels:[str],Counts:<str,long>,Tags:[{`tag name`:str,Weight:int}],Main:{`tag name`:str,Weight:int}");
        var e = Assert.Throws<FugueTransformerException>(() => Run(nameof(Pipelines.Shapes), df).AsArray());
        Assert.Equal("Transformer '" + Prefix + "Shapes': column 'Center' is [double] in the input frame, but Shape.Center needs a struct; the frame's schema is " + df.Schema.ToString() + ".", e.Message);
    }

    [Fact]
    public void Streaming_TheInputIsConsumedLazily()
    {
        var schema = Schema.Parse("Region:str,Key:int,Amount:double,Ts:datetime");
        var pulled = 0;
        IEnumerable<IReadOnlyList<object?>> Endless()
        {
            while (true)
            {
                pulled++;
                yield return new object?[] { "r", pulled, 1.0, T0 };
            }
        }

        var result = Run(nameof(Pipelines.TakeTwo), new IterableDataFrame(Endless(), schema));
        var rows = result.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { 1, 2 }, rows.Select(r => r[1]).ToArray());
        // The input is endless, so finishing at all proves streaming; at most a batch or two is read ahead.
        Assert.True(pulled <= 2 * 16384 + 1, "pulled " + pulled + " rows: the adapter must read batch by batch");
    }

    [Fact]
    public void SingleRowOutput_AndEmptyPartition()
    {
        var first = Run(nameof(Pipelines.First), Sales());
        Assert.Equal("Region:str,Key:int,Amount:double,Ts:datetime", first.Schema.ToString());
        Assert.Equal(new object?[] { "east", 1, 10.5, T0 }, Assert.Single(first.AsArray()));

        var empty = Run(nameof(Pipelines.First), Frame("Region:str,Key:int,Amount:double,Ts:datetime"));
        Assert.Empty(empty.AsArray());
        Assert.Equal("Region:str,Key:int,Amount:double,Ts:datetime", empty.Schema.ToString());
    }

    [Fact]
    public void EmptyPartition_RowsToRows()
    {
        var result = Run(nameof(Pipelines.RankWithinKey), Frame("Region:str,Key:int,Amount:double,Ts:datetime"));
        Assert.Empty(result.AsArray());
        Assert.Equal("Region:str,Key:int,Amount:double,Ts:datetime,Rank:int", result.Schema.ToString());
    }

    [Fact]
    public void SafeWidening_IntToLong_FloatToDouble()
    {
        var result = Run(nameof(Pipelines.Widen), Frame("Key:int,Amount:float", new object?[] { 7, 1.5f }));
        Assert.Equal("Key:long,Amount:double", result.Schema.ToString());
        Assert.Equal(new object?[] { 7L, 1.5 }, Assert.Single(result.AsArray()));
    }

    [Fact]
    public void MissingColumn_NamesTransformerColumnAndSchema()
    {
        var df = Frame("Region:str,Amount:double,Ts:datetime", new object?[] { "a", 1.0, T0 });
        var e = Assert.Throws<FugueTransformerException>(() => Run(nameof(Pipelines.RankWithinKey), df).AsArray());
        Assert.Equal("Transformer '" + Prefix + "RankWithinKey': column 'Key' (for Sale.Key) is missing from the input frame, whose schema is Region:str,Amount:double,Ts:datetime.", e.Message);
    }

    [Fact]
    public void IncompatibleColumnType_NamesTransformerColumnAndSchema()
    {
        var df = Frame("Region:str,Key:str,Amount:double,Ts:datetime", new object?[] { "a", "1", 1.0, T0 });
        var e = Assert.Throws<FugueTransformerException>(() => Run(nameof(Pipelines.RankWithinKey), df).AsArray());
        Assert.Equal("Transformer '" + Prefix + "RankWithinKey': column 'Key' is str in the input frame, but Sale.Key needs int (or byte, ubyte, short, ushort); the frame's schema is Region:str,Key:str,Amount:double,Ts:datetime.", e.Message);
    }

    [Fact]
    public void Nulls_RoundTripThroughNullableMembers()
    {
        var df = Frame("Name:str,Count:int,Score:double,Flag:bool,When:datetime",
            new object?[] { null, null, null, null, null },
            new object?[] { "a", 1, 2.5, true, T0 });
        var rows = Run(nameof(Pipelines.Optionals), df).AsArray();
        Assert.Equal(new object?[] { null, null, null, null, null }, rows[0]);
        Assert.Equal(new object?[] { "a", 1, 2.5, true, T0 }, rows[1]);
    }

    [Fact]
    public void NullInANonNullableMember_IsAClearError()
    {
        var df = Frame("Region:str,Key:int,Amount:double,Ts:datetime", new object?[] { "a", null, 1.0, T0 });
        var e = Assert.Throws<FugueTransformerException>(() => Run(nameof(Pipelines.RankWithinKey), df).AsArray());
        Assert.Equal("Transformer '" + Prefix + "RankWithinKey': column 'Key' is null at row 0 of a batch, but Sale.Key (Int32) can't hold null; make the member nullable (Int32?).", e.Message);
    }

    [Fact]
    public void ScalarTypes_ColumnOnPositionalParameter_RoundTrip()
    {
        var schema = "`full name`:str,Price:decimal(10,2),Day:date,Blob:bytes,H:float16,Big:long,Tiny:byte,U:ushort,When:timestamp(ms,UTC)";
        var day = new DateOnly(2024, 2, 29);
        var when = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var df = Frame(schema,
            new object?[] { "n", 12.34m, day, new byte[] { 1, 2 }, (Half)1.5, 5L, (sbyte)-3, (ushort)7, when },
            new object?[] { null, 0m, day, null, (Half)0, null, (sbyte)0, (ushort)0, null });
        var result = Run(nameof(Pipelines.Miscs), df);
        Assert.Equal("`full name`:str,Price:decimal(28,10),Day:date,Blob:bytes,H:float16,Big:long,Tiny:byte,U:ushort,When:datetime", result.Schema.ToString());
        var rows = result.AsArray();
        Assert.Equal(new object?[] { "n", 12.34m, day, new byte[] { 1, 2 }, (Half)1.5, 5L, (sbyte)-3, (ushort)7, new DateTime(2024, 1, 1, 12, 0, 0) }, rows[0]);
        Assert.Equal(new object?[] { null, 0m, day, null, (Half)0, null, (sbyte)0, (ushort)0, null }, rows[1]);
    }

    [Fact]
    public void StructRowTypes_MutableAndRecordStruct()
    {
        var points = Run(nameof(Pipelines.Points), Frame("X:double,Y:double", new object?[] { 1.0, 2.0 }));
        Assert.Equal(new object?[] { 2.0, 1.0 }, Assert.Single(points.AsArray()));
        var sum = Run(nameof(Pipelines.Sum), Frame("Key:str,Value:int", new object?[] { "a", 1 }, new object?[] { "b", 2 }));
        Assert.Equal("Key:str,Value:long", sum.Schema.ToString());
        Assert.Equal(new object?[] { "total", 3L }, Assert.Single(sum.AsArray()));
    }

    [Fact]
    public void NestedTypes_RoundTrip()
    {
        var point = new Dictionary<string, object?> { ["X"] = 1.0, ["Y"] = 2.0 };
        var tag = new Dictionary<string, object?> { ["tag name"] = "t", ["Weight"] = null };
        var schema = "Id:int,Center:{X:double,Y:double},Path:[{X:double,Y:double}],Labels:[str],Counts:<str,long>,Tags:[{`tag name`:str,Weight:int}],Main:{`tag name`:str,Weight:int},Extra:str";
        var df = Frame(schema,
            new object?[] { 1, point, new object?[] { point, point }, new object?[] { "a", "b" }, new[] { new KeyValuePair<object, object?>("k", 5L) }, new object?[] { tag }, tag, "ignored" },
            new object?[] { 2, point, Array.Empty<object?>(), Array.Empty<object?>(), Array.Empty<KeyValuePair<object, object?>>(), null, null, null });
        var result = Run(nameof(Pipelines.Shapes), df);
        Assert.Equal("Id:int,Center:{X:double,Y:double},Path:[{X:double,Y:double}],Labels:[str],Counts:<str,long>,Tags:[{`tag name`:str,Weight:int}],Main:{`tag name`:str,Weight:int}", result.Schema.ToString());
        var rows = result.AsArray();
        Assert.Equal(1, rows[0][0]);
        Assert.Equal(point, (IEnumerable<KeyValuePair<string, object?>>)rows[0][1]!);
        Assert.Equal(2, ((object?[])rows[0][2]!).Length);
        Assert.Equal(new object?[] { "a", "b" }, (object?[])rows[0][3]!);
        var entry = Assert.Single((KeyValuePair<object, object?>[])rows[0][4]!);
        Assert.Equal("k", entry.Key);
        Assert.Equal(5L, entry.Value);
        var tags = (object?[])rows[0][5]!;
        Assert.Equal(tag, (IEnumerable<KeyValuePair<string, object?>>)Assert.Single(tags)!);
        Assert.Equal(tag, (IEnumerable<KeyValuePair<string, object?>>)rows[0][6]!);
        Assert.Null(rows[1][5]);
        Assert.Null(rows[1][6]);
        Assert.Empty((object?[])rows[1][2]!);
    }

    [Fact]
    public void UntypedArrays_RuntimeStarHint()
    {
        var result = Run(nameof(Pipelines.Arrays), Frame("a:int,b:str", new object?[] { 1, "x" }, new object?[] { 2, "y" }), new ParamDict().Set("factor", 10L));
        Assert.Equal("a:int,b:str,n:long", result.Schema.ToString());
        Assert.Equal(new object?[] { 2, "y", 20L }, result.AsArray()[1]);
    }

    [Fact]
    public void UntypedDictionaries_RuntimeRemoveHint()
    {
        var result = Run(nameof(Pipelines.Dicts), Frame("Key:int,Amount:double,Region:str", new object?[] { 1, 2.0, "e" }));
        Assert.Equal("Key:int,Region:str", result.Schema.ToString());
        Assert.Equal(new object?[] { 1, "e" }, Assert.Single(result.AsArray()));
    }

    [Fact]
    public void Batches_And_SingleBatchToSingleDictionaryRow()
    {
        var df = Frame("Key:int,Amount:double", new object?[] { 3, 1.5 }, new object?[] { 3, 2.5 });
        Assert.Equal(2, Run(nameof(Pipelines.Batches), df).AsArray().Count);
        var total = Run(nameof(Pipelines.Total), df);
        Assert.Equal("Key:int,total:double", total.Schema.ToString());
        Assert.Equal(new object?[] { 3, 4.0 }, Assert.Single(total.AsArray()));
    }

    [Fact]
    public void UntypedInput_TypedOutput_IsCheckedAtRunTime()
    {
        var e = Assert.Throws<FugueTransformerException>(() => Run(nameof(Pipelines.RuntimeChecked), Sales()).AsArray());
        Assert.StartsWith("Transformer '" + Prefix + "RuntimeChecked': Ranked.Rank writes column 'Rank', which the output schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoTransformer_NamedZipBindsByParameterName_PositionalOtherwise()
    {
        var tags = Frame("`tag name`:str,Weight:int", new object?[] { "a", 1 }, new object?[] { "b", 2 }, new object?[] { "c", null });
        var co = TransformerRegistry.Get(Prefix + nameof(Pipelines.CountBoth)).CreateCoTransformer();
        var named = new DataFrames(new[]
        {
            new KeyValuePair<string, DataFrame>("dims", tags),
            new KeyValuePair<string, DataFrame>("sales", Sales()),
        });
        var result = co.Transform(Cursor(Schema.Parse("Key:int")), named);
        Assert.Equal("Key:int,Sales:long,Dims:long", co.GetOutputSchema(named).ToString());
        Assert.Equal(new object?[] { 1, 2L, 3L }, Assert.Single(result.AsArray()));

        var positional = new DataFrames(Sales(), tags);
        Assert.Equal(new object?[] { 1, 2L, 3L }, Assert.Single(co.Transform(Cursor(Schema.Parse("Key:int")), positional).AsArray()));
    }

    [Fact]
    public void CoTransformer_DataFramesParameter()
    {
        var co = TransformerRegistry.Get(Prefix + nameof(Pipelines.FromFrames)).CreateCoTransformer();
        var result = co.Transform(Cursor(Schema.Parse("Key:int")), new DataFrames(Sales(), Frame("x:int")));
        Assert.Equal(new object?[] { 2, 2L, 0L }, Assert.Single(result.AsArray()));
    }

    [Fact]
    public void OutputTransformers_RunTheirSideEffects()
    {
        Pipelines.Seen.Clear();
        var print = TransformerRegistry.Get(Prefix + nameof(Pipelines.Print)).CreateOutputTransformer(new ParamDict().Set("prefix", "p"));
        print.Process(Cursor(Sales().Schema), Sales());
        var echo = TransformerRegistry.Get(Prefix + nameof(Pipelines.Echo)).CreateOutputTransformer();
        echo.Process(Cursor(Sales().Schema), Sales());
        var both = TransformerRegistry.Get(Prefix + nameof(Pipelines.PrintBoth)).CreateOutputCoTransformer(new ParamDict().Set("limit", 3));
        both.Process(Cursor(Schema.Parse("Key:int")), new DataFrames(Sales(), Frame("`tag name`:str,Weight:int", new object?[] { "t", 1 })));
        Assert.Equal(new[] { "p:east", "p:west", "echo:east", "echo:west", "a=2,b=1,limit=3" }, Pipelines.Seen);
    }

    [Fact]
    public void LocalDataFrameAndCursor_ArePassedThrough()
    {
        Pipelines.Seen.Clear();
        var transformer = TransformerRegistry.Get(Prefix + nameof(Pipelines.Frame)).CreateTransformer();
        var df = Sales();
        Assert.Same(df, transformer.Transform(Cursor(df.Schema, partition: 4), df));
        Assert.Equal(new[] { "partition 4" }, Pipelines.Seen);
    }

    [Fact]
    public void NestedTypes_AreRegisteredWithDottedNames()
    {
        Assert.Equal("Fugue.Generators.Tests.EndToEnd.Outer.Inner_Type.Copy", TransformerRegistry.Get(Outer.Inner_Type.Copy).Name);
        Assert.Equal("Fugue.Generators.Tests.EndToEnd.Outer_Inner.Type.Copy", TransformerRegistry.Get(Outer_Inner.Type.Copy).Name);
        var result = TransformerRegistry.Get(Outer.Inner_Type.Copy).CreateTransformer().Transform(Cursor(Sales().Schema), Sales());
        Assert.Equal(2, result.AsArray().Count);
    }

    [Fact]
    public void Registry_FindsMethodGroupsAndNames()
    {
        Assert.Equal(Prefix + "RankWithinKey", TransformerRegistry.Get(Pipelines.RankWithinKey).Name);
        var handle = TransformerHandle.From(Pipelines.CountBoth);
        Assert.Equal(TransformerKind.CoTransformer, handle.Kind);
        Assert.Equal(handle, TransformerHandle.FromName(Prefix + "CountBoth"));
        Assert.Contains(Prefix + "Print", TransformerRegistry.Names);
        var e = Assert.Throws<FugueTransformerException>(() => TransformerRegistry.Get(Prefix + "Print").CreateTransformer());
        Assert.Equal("'" + Prefix + "Print' is an OutputTransformer, but a Transformer is needed here.", e.Message);
        Assert.Throws<FugueTransformerException>(() => TransformerRegistry.Get("No.Such.Method"));
    }
}
