using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.Columnar;

public class AllTypesTests
{
    public static TheoryData<string> TypeExpressions => new()
    {
        "null", "bool", "byte", "ubyte", "short", "ushort", "int", "uint", "long", "ulong", "float16", "float", "double",
        "str", "bytes", "date", "datetime", "timestamp(ns,UTC)", "decimal(20,4)", "[str]", "{a:int,b:[double]}", "<str,[int]>",
    };

    private static DataType Parse(string expression) => expression switch
    {
        "null" => DataType.Null,
        "bool" => DataType.Bool,
        "byte" => DataType.Int8,
        "ubyte" => DataType.UInt8,
        "short" => DataType.Int16,
        "ushort" => DataType.UInt16,
        "int" => DataType.Int32,
        "uint" => DataType.UInt32,
        "long" => DataType.Int64,
        "ulong" => DataType.UInt64,
        "float16" => DataType.Float16,
        "float" => DataType.Float32,
        "double" => DataType.Float64,
        "str" => DataType.String,
        "bytes" => DataType.Binary,
        "date" => DataType.Date,
        "datetime" => DataType.DateTime,
        "timestamp(ns,UTC)" => DataType.Timestamp(TimeUnit.Nanosecond, "UTC"),
        "decimal(20,4)" => DataType.Decimal(20, 4),
        "[str]" => DataType.List(DataType.String),
        "{a:int,b:[double]}" => DataType.Struct(new Field("a", DataType.Int32), new Field("b", DataType.List(DataType.Float64))),
        _ => DataType.Map(DataType.String, DataType.List(DataType.Int32)),
    };

    [Theory]
    [MemberData(nameof(TypeExpressions))]
    public void EmptyColumns(string expression)
    {
        var type = Parse(expression);
        Assert.Equal(expression, type.ToString());
        var c = ColumnBuilder.Create(type, 16).Build();
        Assert.Equal(type, c.Type);
        Assert.Equal(0, c.Length);
        Assert.Equal(0, c.NullCount);
        Assert.Equal(0, c.Slice(0, 0).Length);
        Assert.InRange(c.ByteSize, 0, 16); // at most a few one-entry offsets buffers
        var batch = RecordBatch.Empty(new Schema(new Field("x", type)));
        Assert.Equal(0, batch.Length);
        Assert.Equal(type, batch.Column("x").Type);
    }

    [Theory]
    [MemberData(nameof(TypeExpressions))]
    public void AllNullColumns(string expression)
    {
        var type = Parse(expression);
        var c = ColumnFactory.Nulls(type, 11);
        Assert.Equal(11, c.Length);
        Assert.Equal(11, c.NullCount);
        for (var i = 0; i < 11; i++)
        {
            Assert.True(c.IsNull(i));
            Assert.Null(c.GetValue(i));
        }

        var s = c.Slice(3, 7);
        Assert.Equal(7, s.NullCount);
        Assert.Equal(7, c.Take([0, 1, 2, 3, 4, 5, 6]).NullCount);
        if (type.Kind != TypeKind.Null)
        {
            Assert.Equal(2, c.ValidityBuffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(TypeExpressions))]
    public void CreateReturnsTheMatchingBuilder(string expression)
    {
        var type = Parse(expression);
        var b = ColumnBuilder.Create(type);
        Assert.Equal(type, b.Type);
        var expected = type.Kind switch
        {
            TypeKind.Null => typeof(NullColumnBuilder),
            TypeKind.Bool => typeof(BooleanColumnBuilder),
            TypeKind.String => typeof(StringColumnBuilder),
            TypeKind.Binary => typeof(BinaryColumnBuilder),
            TypeKind.Decimal => typeof(DecimalColumnBuilder),
            TypeKind.List => typeof(ListColumnBuilder),
            TypeKind.Struct => typeof(StructColumnBuilder),
            TypeKind.Map => typeof(MapColumnBuilder),
            _ => null,
        };
        if (expected is not null)
        {
            Assert.IsType(expected, b);
        }
        else
        {
            Assert.Equal("PrimitiveColumnBuilder`1", b.GetType().Name);
        }
    }
}
