using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

public class ParquetSchemaMetadataTests
{
    private static readonly Schema Timestamps = new(
        new Field("s", DataType.Timestamp(TimeUnit.Second)),
        new Field("tokyo", DataType.Timestamp(TimeUnit.Millisecond, "Asia/Tokyo")),
        new Field("l", DataType.List(DataType.Timestamp(TimeUnit.Second, "Europe/Paris"))),
        new Field("st", DataType.Struct(new Field("a", DataType.Timestamp(TimeUnit.Second)), new Field("b", DataType.Int32))),
        new Field("m", DataType.Map(DataType.String, DataType.Timestamp(TimeUnit.Microsecond, "America/New_York"))));

    private static RecordBatch Sample()
    {
        var builder = new RecordBatchBuilder(Timestamps);
        var naive = new DateTime(1969, 12, 31, 23, 59, 58);
        var utc = new DateTime(2024, 3, 10, 12, 0, 1, DateTimeKind.Utc);
        builder.AppendRow([naive, utc, new object?[] { utc, null }, new Dictionary<string, object?> { ["a"] = naive, ["b"] = 1 },
            new[] { new KeyValuePair<object, object?>("k", utc.AddTicks(10)) }]);
        builder.AppendRow([null, null, null, null, null]);
        return builder.Build();
    }

    private static byte[] Write(RecordBatch batch)
    {
        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, batch.Schema, leaveOpen: true))
        {
            writer.Write(batch);
        }

        return ms.ToArray();
    }

    [Fact]
    public void SecondsAndZoneNamesSurviveTheRoundTrip()
    {
        var batch = Sample();
        var file = Write(batch);
        using var reader = new ParquetReader(new MemoryStream(file));
        Assert.Equal(Timestamps, reader.Schema);
        Assert.Equal(
            "s:timestamp(s),tokyo:timestamp(ms,Asia/Tokyo),l:[timestamp(s,Europe/Paris)],st:{a:timestamp(s),b:int},m:<str,timestamp(us,America/New_York)>",
            reader.Metadata.KeyValueMetadata!.Single(kv => kv.Key == "fugue.schema").Value);
        var read = reader.ReadRowGroup(0);
        ParquetNestedTests.AssertBatchesEqual(batch, read);
        Assert.Equal(-2L, ((PrimitiveColumn<long>)read.Column("s")).Values[0]);
        // Column selection uses the stored types too.
        Assert.Equal(Timestamps["tokyo"].Type, reader.ReadRowGroup(0, ["tokyo"]).Schema[0].Type);
    }

    [Fact]
    public void TheParquetTypesUseMillisecondsAndUtc()
    {
        var file = Write(Sample());
        var metadata = ParquetFooter.Read(new MemoryStream(file));
        metadata.KeyValueMetadata = null;
        using var ms = new MemoryStream();
        ms.Write(file.AsSpan(0, file.Length - 8 - BitConverter.ToInt32(file, file.Length - 8)));
        ParquetFooter.Write(ms, metadata);
        using var reader = new ParquetReader(new MemoryStream(ms.ToArray()));
        Assert.Equal(DataType.Timestamp(TimeUnit.Millisecond), reader.Schema["s"].Type);
        Assert.Equal(DataType.Timestamp(TimeUnit.Millisecond, "UTC"), reader.Schema["tokyo"].Type);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 58), reader.ReadRowGroup(0).GetValue(0, 0));
    }

    [Theory]
    [InlineData("s:datetime,tokyo:int,l:[int],st:{a:int,b:int},m:<str,int>")] // types disagree
    [InlineData("x:datetime")] // different columns
    [InlineData("not a schema ((")]
    public void InconsistentStoredSchemasAreIgnored(string stored)
    {
        var file = Write(Sample());
        var metadata = ParquetFooter.Read(new MemoryStream(file));
        metadata.KeyValueMetadata = [new KeyValue("fugue.schema", stored)];
        using var ms = new MemoryStream();
        ms.Write(file.AsSpan(0, file.Length - 8 - BitConverter.ToInt32(file, file.Length - 8)));
        ParquetFooter.Write(ms, metadata);
        using var reader = new ParquetReader(new MemoryStream(ms.ToArray()));
        Assert.Equal(DataType.Timestamp(TimeUnit.Millisecond, "UTC"), reader.Schema["tokyo"].Type);
        Assert.Equal(2, reader.ReadRowGroup(0).Length);
    }
}
