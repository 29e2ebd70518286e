using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask.Tests;

// The Dask engine reports progress per job: the job's output partitions, before and after the cluster runs it.
[Collection(DaskCollection.Name)]
public sealed class DaskProgressTests(DaskClusterFixture cluster)
{
    private sealed class Recorder : IProgress<FugueProgress>
    {
        public List<FugueProgress> Reports { get; } = [];

        public void Report(FugueProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public void JobsReportTheirPartitionsBeforeAndAfter()
    {
        using var engine = cluster.CreateEngine();
        var recorder = new Recorder();
        engine.Progress = recorder;
        var schema = Schema.Parse("a:int");
        var df = engine.Repartition(engine.ToDf(new ArrayDataFrame([[1], [2], [3], [4]], schema)), PartitionSpec.Num(2));
        var rows = engine.Map(df, (c, p) => p, schema).AsArray();
        Assert.Equal(4, rows.Count);

        var jobs = recorder.Reports.Where(r => r.Operation == "dask job").ToList();
        Assert.NotEmpty(jobs);
        var last = jobs[^1];
        Assert.Equal(last.PartitionsTotal, last.PartitionsDone);
        Assert.True(last.PartitionsTotal > 0);
        Assert.Equal(1.0, last.Fraction);
        Assert.Contains(jobs, r => r.PartitionsDone == 0 && r.PartitionsTotal == last.PartitionsTotal);
    }
}
