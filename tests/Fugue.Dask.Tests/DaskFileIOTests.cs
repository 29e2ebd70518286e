using System.Globalization;
using Fugue.Engines.Tests.Conformance;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// LoadDf / SaveDf on the workers: loaded partitions are file-reading tasks (lineage = the file), saves write one part
// file per partition on the workers and publish atomically.
[Collection(DaskCollection.Name)]
public sealed class DaskFileIOTests(DaskClusterFixture cluster) : IDisposable
{
    private static readonly Dictionary<string, object?> Header = new() { ["header"] = true };
    private readonly string _dir = Directory.CreateTempSubdirectory("fugue-dask-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ArrayDataFrame Numbers(int n, int offset = 0) =>
        new(Enumerable.Range(offset, n).Select(i => new object?[] { (long)i, "s" + i.ToString(CultureInfo.InvariantCulture), i * 0.5 }).ToArray(),
            Schema.Parse("id:long,s:str,x:double"));

    private static object?[][] Rows(DataFrame df) => [.. df.AsArray().OrderBy(r => (long)r[0]!)];

    [Theory]
    [InlineData("parquet", false)]
    [InlineData("csv", true)]
    [InlineData("json", false)]
    public void FolderRoundTripWritesOnePartFilePerPartitionAndLoadsOneTaskPerFile(string format, bool header)
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "out." + format);
        var options = header ? Header : null;
        engine.SaveDf(Numbers(100), path, partitionSpec: PartitionSpec.Num(3), options: options);
        var files = Directory.GetFiles(path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["part-00000." + format, "part-00001." + format, "part-00002." + format], files);
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".*")); // no staging leftovers next to the target

        var loaded = format == "parquet"
            ? engine.LoadDf(path)
            : engine.LoadDf(path, null, "id:long,s:str,x:double", options);
        var d = Assert.IsType<DaskDataFrame>(loaded);
        Assert.Equal(3, d.PartitionCount);
        Assert.Equal(Rows(Numbers(100)), Rows(loaded));
        // and it composes: a narrow map fused with the file reads, then a shuffle
        var byParity = engine.Map(
            engine.Map(loaded, (c, p) => new ArrayDataFrame(p.AsArray().Select(r => new object?[] { (long)r[0]! % 2, r[0] }).ToArray(), Schema.Parse("m:long,id:long")), Schema.Parse("m:long,id:long")),
            (c, p) => new ArrayDataFrame([[c.KeyValueArray[0], (long)p.AsArray().Count]], Schema.Parse("m:long,n:long")),
            Schema.Parse("m:long,n:long"),
            PartitionSpec.By("m"));
        DfAssert.Equal(byParity, "m:long,n:long", [0L, 50L], [1L, 50L]);
    }

    [Fact]
    public void ParquetFilesAreCutIntoRowGroupRanges()
    {
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.LoadPartitionRowsKey] = 100 });
        var path = Path.Combine(_dir, "groups.parquet");
        engine.SaveDf(Numbers(1000), path, options: new Dictionary<string, object?> { ["row_group_size"] = 100 });
        Assert.True(File.Exists(path));
        var loaded = (DaskDataFrame)engine.LoadDf(path, columns: ["x", "id"]);
        Assert.Equal(10, loaded.PartitionCount);
        Assert.Equal("x:double,id:long", loaded.Schema.ToString());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (object?)(long)i), loaded.AsArray().Select(r => r[1]).Order());
    }

    [Fact]
    public void HiveFoldersRoundTripWithOneFilePerFolder()
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "hive");
        var df = new ArrayDataFrame(Enumerable.Range(0, 60).Select(i => new object?[] { (long)i, i % 3, i % 2 == 0 ? "a" : null }).ToArray(), Schema.Parse("id:long,k:int,s:str"));
        engine.SaveDf(df, path, "parquet", partitionSpec: PartitionSpec.By("k", "s"));
        foreach (var k in new[] { 0, 1, 2 })
        {
            Assert.Equal(["part-00000.parquet"], Directory.GetFiles(Path.Combine(path, "k=" + k, "s=a")).Select(f => Path.GetFileName(f)!));
        }

        Assert.Empty(Directory.GetFileSystemEntries(path, ".*"));
        var loaded = engine.LoadDf(path, "parquet", "id:long,k:int,s:str");
        Assert.Equal(6, ((DaskDataFrame)loaded).PartitionCount);
        Assert.Equal(df.AsArray(), loaded.AsArray().OrderBy(r => (long)r[0]!));
    }

    [Fact]
    public void OverwriteReplacesAndAFailedSaveLeavesTheOldDataIntact()
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "data.parquet");
        engine.SaveDf(Numbers(10), path, partitionSpec: PartitionSpec.Num(2));
        engine.SaveDf(Numbers(5, 100), path, partitionSpec: PartitionSpec.Num(2));
        Assert.Equal(Rows(Numbers(5, 100)), Rows(engine.LoadDf(path)));

        // a save whose second partition fails mid-way (after the first partition's file was written)
        var failing = engine.Map(
            engine.Repartition(Numbers(40, 1000), PartitionSpec.Num(4)),
            (c, p) =>
            {
                var rows = p.AsArray();
                if (rows.Any(r => (long)r[0]! == 1039))
                {
                    throw new InvalidOperationException("fails while saving");
                }

                return p;
            },
            Schema.Parse("id:long,s:str,x:double"));
        var ex = Assert.Throws<InvalidOperationException>(() => engine.SaveDf(failing, path, partitionSpec: PartitionSpec.Num(4)));
        Assert.Contains("fails while saving", ex.Message);
        Assert.Equal(Rows(Numbers(5, 100)), Rows(engine.LoadDf(path)));
        Assert.Equal(["data.parquet"], Directory.GetFileSystemEntries(_dir).Select(f => Path.GetFileName(f)!));

        // a folder replaced by a single file, error mode, append
        engine.SaveDf(Numbers(3), path);
        Assert.True(File.Exists(path));
        Assert.Throws<IOException>(() => engine.SaveDf(Numbers(3), path, mode: SaveMode.Error));
        Assert.Throws<IOException>(() => engine.SaveDf(Numbers(3), path, mode: SaveMode.Append));
        var folder = Path.Combine(_dir, "appended.csv");
        engine.SaveDf(Numbers(4), folder, mode: SaveMode.Append, options: Header);
        engine.SaveDf(engine.Repartition(Numbers(6, 4), PartitionSpec.Num(3)), folder, mode: SaveMode.Append, options: Header);
        Assert.Equal(5, Directory.GetFiles(folder).Length); // 2 partitions, then 3
        Assert.Equal(Rows(Numbers(10)), Rows(engine.LoadDf(folder, null, "id:long,s:str,x:double", Header)));
    }

    [Fact]
    public void KillingAWorkerWhileLoadingStillGivesTheExactResult()
    {
        using var engine = cluster.CreateEngine(new Dictionary<string, object?> { [DaskExecutionEngine.DefaultPartitionsKey] = 4 });
        var folder = Path.Combine(_dir, "input");
        engine.SaveDf(engine.Repartition(Numbers(2000), PartitionSpec.Num(8)), folder, "parquet", partitionSpec: PartitionSpec.Num(8));
        Assert.Equal(8, Directory.GetFiles(folder).Length);

        var started = Path.Combine(_dir, "started");
        var loaded = engine.LoadDf(folder, "parquet");
        var output = Schema.Parse("m:long,s:long,n:long");
        // a slow narrow stage fused with the file read, then a shuffle: the kill lands while files are being read
        var slow = engine.Map(
            loaded,
            (c, p) =>
            {
                File.AppendAllText(started, "x\n");
                Thread.Sleep(300);
                return new ArrayDataFrame(p.AsArray().Select(r => new object?[] { (long)r[0]! % 5, r[0] }).ToArray(), Schema.Parse("m:long,id:long"));
            },
            Schema.Parse("m:long,id:long"));
        var sums = engine.Map(
            slow,
            (c, p) =>
            {
                var rows = p.AsArray();
                return new ArrayDataFrame([[c.KeyValueArray[0], rows.Sum(r => (long)r[1]!), (long)rows.Count]], output);
            },
            output,
            PartitionSpec.By("m"));
        var (workers, executors) = engine.GetProcessIds();
        var victim = workers.Keys.Order(StringComparer.Ordinal).First();
        var victimPids = new List<int> { workers[victim] };
        victimPids.AddRange(executors[victim]);
        var killer = new Thread(() =>
        {
            while (!File.Exists(started))
            {
                Thread.Sleep(20);
            }

            foreach (var pid in victimPids)
            {
                DaskResilienceTests.Kill9(pid);
            }
        });
        killer.Start();
        var expected = Enumerable.Range(0, 5)
            .Select(m => new object?[] { (long)m, Enumerable.Range(0, 2000).Where(i => i % 5 == m).Sum(i => (long)i), 400L })
            .ToArray();
        DfAssert.Equal(sums, "m:long,s:long,n:long", expected);
        killer.Join();
        using var again = cluster.CreateEngine(); // waits until the nanny brought the second worker back
        Assert.Equal(2, again.GetCurrentParallelism());
    }

    [Fact]
    public void KillingAWorkerWhileSavingPublishesEveryRowExactlyOnce()
    {
        using var engine = cluster.CreateEngine();
        var path = Path.Combine(_dir, "saved.parquet");
        var started = Path.Combine(_dir, "save-started");
        var slow = engine.Map(
            engine.Repartition(Numbers(1000), PartitionSpec.Num(6)),
            (c, p) =>
            {
                File.AppendAllText(started, "x\n");
                Thread.Sleep(300);
                return p;
            },
            Schema.Parse("id:long,s:str,x:double"));
        var (workers, executors) = engine.GetProcessIds();
        var victim = workers.Keys.Order(StringComparer.Ordinal).Last();
        var victimPids = new List<int> { workers[victim] };
        victimPids.AddRange(executors[victim]);
        var killer = new Thread(() =>
        {
            while (!File.Exists(started) || File.ReadAllLines(started).Length < 2)
            {
                Thread.Sleep(20);
            }

            foreach (var pid in victimPids)
            {
                DaskResilienceTests.Kill9(pid);
            }
        });
        killer.Start();
        engine.SaveDf(slow, path, partitionSpec: PartitionSpec.Num(6));
        killer.Join();
        Assert.Equal(6, Directory.GetFiles(path).Length);
        Assert.Empty(Directory.GetFileSystemEntries(path, ".*"));
        Assert.Equal(Rows(Numbers(1000)), Rows(engine.LoadDf(path)));
        using var again = cluster.CreateEngine();
        Assert.Equal(2, again.GetCurrentParallelism());
    }
}
