using Fugue.IO.Files;
using static Fugue.Runtime.Tests.IO.Files.FilesTestSupport;

namespace Fugue.Runtime.Tests.IO.Files;

// A save that fails or is cancelled midway must leave the previous data byte-identical and nothing visible under
// the target (the whole folder is listed, hidden entries included, so leftover staging files fail the test too).
public class FileSaverCrashSafetyTests
{
    public static TheoryData<string, int, int, bool> Layouts => new()
    {
        // target name, partitions, parallelism, hive
        { "x.parquet", 1, 1, false },
        { "x.csv", 1, 1, false },
        { "x.json.gz", 1, 1, false },
        { "x.arrow", 1, 1, false },
        { "x.parquet", 3, 1, false },
        { "x.parquet", 3, 2, false },
        { "x.json", 4, 2, false },
        { "x.parquet", 1, 1, true },
        { "x.parquet", 1, 2, true },
        { "x.csv", 1, 2, true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void FailureMidway_KeepsThePreviousDataExactly(string name, int partitions, int parallelism, bool hive)
    {
        foreach (var previousIsFolder in new[] { false, true })
        {
            using var tmp = new TempDir();
            var path = tmp.Combine(name);
            FileSaver.Save(TestSchema, Batches(3, 4), path, partitions: previousIsFolder ? 2 : 1);
            var before = Snapshot(tmp.Root);
            var ex = Assert.Throws<InvalidOperationException>(() => FileSaver.Save(TestSchema, Batches(10, 4, failAfter: 5), path,
                partitions: partitions, maxParallelism: parallelism, partitionKeys: hive ? ["s"] : null));
            Assert.Equal("injected failure", ex.Message);
            Assert.Equal(before, Snapshot(tmp.Root));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void CancellationMidway_KeepsThePreviousDataExactly(string name, int partitions, int parallelism, bool hive)
    {
        using var tmp = new TempDir();
        var path = tmp.Combine(name);
        FileSaver.Save(TestSchema, Batches(3, 4), path);
        var before = Snapshot(tmp.Root);
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => FileSaver.Save(TestSchema, Batches(10, 4, onBatch: b =>
            {
                if (b == 4)
                {
                    cts.Cancel();
                }
            }), path, partitions: partitions, maxParallelism: parallelism, partitionKeys: hive ? ["s"] : null, cancellationToken: cts.Token));
        Assert.Equal(before, Snapshot(tmp.Root));
    }

    [Fact]
    public void FailureOnAFreshPath_LeavesNothing()
    {
        using var tmp = new TempDir();
        Assert.Throws<InvalidOperationException>(() => FileSaver.Save(TestSchema, Batches(10, 4, failAfter: 2), tmp.Combine("new.parquet"), partitions: 2, maxParallelism: 2));
        Assert.Throws<InvalidOperationException>(() => FileSaver.Save(TestSchema, Batches(10, 4, failAfter: 2), tmp.Combine("new.csv")));
        Assert.Empty(Snapshot(tmp.Root));
    }

    [Fact]
    public void FailedAppend_AddsNoPartFiles()
    {
        using var tmp = new TempDir();
        var path = tmp.Combine("x.parquet");
        FileSaver.Save(TestSchema, Batches(2, 4), path, mode: FileSaveMode.Append);
        var before = Snapshot(tmp.Root);
        Assert.Throws<InvalidOperationException>(() => FileSaver.Save(TestSchema, Batches(10, 4, failAfter: 3), path, mode: FileSaveMode.Append, partitions: 2, maxParallelism: 2));
        Assert.Equal(before, Snapshot(tmp.Root));
    }

    [Fact]
    public void AWriterError_StopsTheSave_AndKeepsTheOldData()
    {
        // A batch whose schema differs from the declared one fails inside the save (after other batches were written).
        using var tmp = new TempDir();
        var path = tmp.Combine("x.parquet");
        FileSaver.Save(TestSchema, Batches(1, 4), path);
        var before = Snapshot(tmp.Root);
        var other = Fugue.Schemas.Schema.Parse("a:long");
        var bad = Batches(3, 4).Append(new Fugue.Columnar.RecordBatchBuilder(other).Build());
        Assert.ThrowsAny<Exception>(() => FileSaver.Save(TestSchema, bad, path, partitions: 2, maxParallelism: 2));
        Assert.Equal(before, Snapshot(tmp.Root));
    }
}
