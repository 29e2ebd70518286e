using System.Text;
using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

/// <summary>The writer's dictionary keeps values apart that share a hash bucket, a length, or their first/last bytes.</summary>
public class ParquetDictionaryWriterTests
{
    [Fact]
    public void NearlyEqualStringsStayDistinct()
    {
        var distinct = new List<string>();
        for (var len = 0; len <= 40; len++)
        {
            var baseText = new string('a', len);
            distinct.Add(baseText);
            for (var pos = 0; pos < len; pos++)
            {
                // one byte differs: first, middle or last position (8..16 byte values compare by first/last 8 bytes)
                var chars = baseText.ToCharArray();
                chars[pos] = 'b';
                distinct.Add(new string(chars));
            }
        }

        distinct.Add("é€");
        var values = new List<string>();
        for (var r = 0; r < 5; r++)
        {
            values.AddRange(r % 2 == 0 ? distinct : Enumerable.Reverse(distinct));
        }

        var schema = new Schema(new Field("s", DataType.String), new Field("k", DataType.Int64), new Field("d", DataType.Float64));
        var b = new RecordBatchBuilder(schema);
        for (var i = 0; i < values.Count; i++)
        {
            // int64 keys that differ only in high bits, doubles that differ in sign of zero and payload
            b.AppendRow([values[i], ((long)(i % 37) << 40) + (i % 3), i % 5 == 0 ? -0.0 : (i % 11) / 8.0]);
        }

        var batch = b.Build();
        var ms = new MemoryStream();
        using (var w = new ParquetWriter(ms, schema, new ParquetWriterOptions { DataPageRowCount = 500 }, leaveOpen: true))
        {
            w.Write(batch.Slice(0, 700));
            w.Write(batch.Slice(700, batch.Length - 700));
        }

        ms.Position = 0;
        using var reader = new ParquetReader(ms);
        foreach (var c in reader.Metadata.RowGroups[0].Columns)
        {
            Assert.Contains(ParquetEncoding.RleDictionary, c.MetaData!.Encodings);
        }

        var back = RecordBatch.Concat(reader.ReadRowGroups().ToList());
        Assert.Equal(batch.Length, back.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.Equal(values[i], back.Column(0).GetValue(i));
            Assert.Equal(batch.Column(1).GetValue(i), back.Column(1).GetValue(i));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)batch.Column(2).GetValue(i)!), BitConverter.DoubleToInt64Bits((double)back.Column(2).GetValue(i)!));
        }

        var dict = reader.Metadata.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal(Encoding.UTF8.GetBytes(distinct.Min(StringComparer.Ordinal)!), dict.Statistics!.MinValue);
        Assert.Equal(Encoding.UTF8.GetBytes(distinct.Max(StringComparer.Ordinal)!), dict.Statistics!.MaxValue);
    }
}
