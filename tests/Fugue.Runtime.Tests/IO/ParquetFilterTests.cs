using Fugue.Columnar;
using Fugue.IO.Parquet;
using Fugue.Schemas;

namespace Fugue.Runtime.Tests.IO;

public class ParquetFilterTests
{
    private static readonly Schema FileSchema = Schema.Parse("id:long,s:str,d:double,n:int,u:uint,dt:date,ts:datetime,dec:decimal(10,2),l:[int]");

    /// <summary>10 row groups of 100 rows; id = row number, s = "k" + group, n all null in group 3 and partly in 7.</summary>
    private static byte[] File()
    {
        var builder = new RecordBatchBuilder(FileSchema);
        for (var r = 0; r < 1000; r++)
        {
            var g = r / 100;
            builder.AppendRow([
                (long)r,
                "k" + g.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
                r / 10.0,
                g == 3 || (g == 7 && r % 2 == 0) ? null : r % 100,
                (uint)(3_000_000_000u + (uint)r),
                DateOnly.FromDayNumber(730_000 + r),
                new DateTime(2024, 1, 1).AddMinutes(r),
                r / 4m,
                new object?[] { r },
            ]);
        }

        using var ms = new MemoryStream();
        using (var writer = new ParquetWriter(ms, FileSchema, new ParquetWriterOptions { RowGroupRowCount = 100 }, leaveOpen: true))
        {
            writer.Write(builder.Build());
        }

        return ms.ToArray();
    }

    private static readonly byte[] Data = File();

    private static int[] Groups(ParquetFilter filter)
    {
        using var reader = new ParquetReader(new MemoryStream(Data));
        return [.. reader.MatchingRowGroups(filter)];
    }

    [Fact]
    public void ComparisonsPruneByMinAndMax()
    {
        Assert.Equal([2], Groups(ParquetFilter.Equal("id", 250L)));
        Assert.Equal([2], Groups(ParquetFilter.Equal("id", 250))); // any integer constant
        Assert.Equal([0, 1], Groups(ParquetFilter.LessThan("id", 200)));
        Assert.Equal([0, 1, 2], Groups(ParquetFilter.LessThanOrEqual("id", 200)));
        Assert.Equal([9], Groups(ParquetFilter.GreaterThan("id", 899)));
        Assert.Equal([8, 9], Groups(ParquetFilter.GreaterThanOrEqual("id", 899)));
        Assert.Empty(Groups(ParquetFilter.GreaterThan("id", 5000)));
        Assert.Equal([5], Groups(ParquetFilter.Equal("s", "k05")));
        Assert.Equal([5, 6, 7, 8, 9], Groups(ParquetFilter.GreaterThanOrEqual("s", "k05")));
        Assert.Equal([4], Groups(ParquetFilter.Equal("d", 45.5)));
        Assert.Equal([9], Groups(ParquetFilter.GreaterThan("u", 3_000_000_900u)));
        Assert.Equal([1], Groups(ParquetFilter.Equal("dt", DateOnly.FromDayNumber(730_150))));
        Assert.Equal([0], Groups(ParquetFilter.LessThan("ts", new DateTime(2024, 1, 1, 1, 0, 0))));
        Assert.Equal([0, 1], Groups(ParquetFilter.LessThan("dec", 50m)));
        Assert.Equal([0, 1, 2], Groups(ParquetFilter.LessThanOrEqual("dec", 50m)));
    }

    [Fact]
    public void NullTestsUseNullCounts()
    {
        Assert.Equal([3, 7], Groups(ParquetFilter.IsNull("n")));
        Assert.Equal([0, 1, 2, 4, 5, 6, 7, 8, 9], Groups(ParquetFilter.IsNotNull("n")));
        Assert.Empty(Groups(ParquetFilter.IsNull("id")));
        // Group 3 holds only nulls, so no comparison can match there.
        Assert.Equal([0, 1, 2, 4, 5, 6, 7, 8, 9], Groups(ParquetFilter.Equal("n", 5)));
    }

    [Fact]
    public void AndOrCombine()
    {
        Assert.Equal([1, 2, 3], Groups(ParquetFilter.GreaterThan("id", 150) & ParquetFilter.LessThan("id", 350)));
        Assert.Equal([0, 9], Groups(ParquetFilter.Equal("id", 5) | ParquetFilter.Equal("id", 995)));
        Assert.Equal([3], Groups(ParquetFilter.And(ParquetFilter.IsNull("n"), ParquetFilter.LessThan("id", 400))));
        Assert.Equal([0, 3, 7], Groups(ParquetFilter.Or(ParquetFilter.IsNull("n"), ParquetFilter.Equal("s", "k00"))));
    }

    [Fact]
    public void UnprovableFiltersKeepEveryGroup()
    {
        var all = Enumerable.Range(0, 10).ToArray();
        Assert.Equal(all, Groups(ParquetFilter.Equal("id", 2.5))); // not an integer: no exact key
        Assert.Equal(all, Groups(ParquetFilter.Equal("dec", 0.001m))); // finer than the column scale
        Assert.Equal(all, Groups(ParquetFilter.Equal("d", double.NaN)));
        Assert.Equal(all, Groups(ParquetFilter.IsNull("l"))); // nested columns are never pruned
    }

    [Fact]
    public void ReadRowGroupsSkipsGroupsButNotRows()
    {
        using var reader = new ParquetReader(new MemoryStream(Data));
        var batches = reader.ReadRowGroups(["id", "s"], ParquetFilter.GreaterThan("id", 150) & ParquetFilter.LessThan("id", 350)).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal(300, batches.Sum(b => b.Length));
        Assert.Equal(100L, batches[0].GetValue(0, 0)); // row 100 does not satisfy id > 150 but is returned
        Assert.Equal("k03", batches[2].GetValue(0, 1));
    }

    [Fact]
    public void BadFiltersAreRejected()
    {
        using var reader = new ParquetReader(new MemoryStream(Data));
        Assert.Throws<ArgumentException>(() => reader.RowGroupMightMatch(0, ParquetFilter.Equal("missing", 1)));
        Assert.Throws<ArgumentException>(() => reader.RowGroupMightMatch(0, ParquetFilter.Equal("s", 1)));
        Assert.Throws<ArgumentException>(() => ParquetFilter.And());
        Assert.Equal("(id GreaterThan 1 AND s IS NULL)", (ParquetFilter.GreaterThan("id", 1) & ParquetFilter.IsNull("s")).ToString());
    }
}
