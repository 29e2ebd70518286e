using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Transformers;

namespace Fugue.Api;

// [Creator], [Processor] and [Outputter] methods through the functional API (Fugue runs them in workflows; here they are
// one call each, on the engine chosen as for every other call).
public static partial class FugueApi
{
    /// <summary>Runs an annotated [Creator] method and returns its frame as a frame of the engine.</summary>
    /// <example>
    /// <code>
    /// var sales = FugueApi.Create(Sources.MakeSales, new Dictionary&lt;string, object?&gt; { ["n"] = 100 });
    /// </code>
    /// </example>
    public static DataFrame Create(
        [TransformerHandle] Delegate creator,
        IReadOnlyDictionary<string, object?>? @params = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var handle = TransformerHandle.From(creator);
        return RunFrame("create", engine, engineConf, asLocal, [], e => e.Create(handle, @params));
    }

    /// <summary>
    /// Runs an annotated [Processor] method on whole frames (bound to its frame parameters by position); validation
    /// rules are checked against <paramref name="partition"/> and every input first.
    /// </summary>
    public static DataFrame Process(
        IReadOnlyList<AnyDataFrame> dfs,
        [TransformerHandle] Delegate processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        ArgumentNullException.ThrowIfNull(processor);
        var handle = TransformerHandle.From(processor);
        var inputs = dfs.ToArray();
        return RunFrame("process", engine, engineConf, asLocal, inputs, e => e.Process(new DataFrames(inputs.Select(d => d.On(e))), handle, partition, @params));
    }

    /// <summary>Runs an annotated [Processor] method on one frame.</summary>
    public static DataFrame Process(
        AnyDataFrame df,
        [TransformerHandle] Delegate processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        bool asLocal = false)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var handle = TransformerHandle.From(processor);
        return RunFrame("process", engine, engineConf, asLocal, [df], e => e.Process(new DataFrames(df.On(e)), handle, partition, @params));
    }

    /// <summary>Runs an annotated [Outputter] method on whole frames now (bound by position); validation rules are checked first.</summary>
    public static void Output(
        IReadOnlyList<AnyDataFrame> dfs,
        [TransformerHandle] Delegate outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        ArgumentNullException.ThrowIfNull(outputter);
        var handle = TransformerHandle.From(outputter);
        var inputs = dfs.ToArray();
        Run("output", engine, engineConf, inputs, e =>
        {
            e.Output(new DataFrames(inputs.Select(d => d.On(e))), handle, partition, @params);
            return 0;
        });
    }

    /// <summary>Runs an annotated [Outputter] method on one frame now.</summary>
    public static void Output(
        AnyDataFrame df,
        [TransformerHandle] Delegate outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null) =>
        Output([df], outputter, partition, @params, engine, engineConf);
}
