using Fugue.Execution;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Transformers;

namespace Fugue.Api;

// fa.transform and fa.out_transform over the engine's typed entry points (ExecutionEngine.Transform.cs).
public static partial class FugueApi
{
    /// <summary>
    /// Runs an annotated [Transformer] method on every logical partition of <paramref name="df"/> (Fugue's
    /// <c>fa.transform</c>).
    /// </summary>
    /// <param name="df">The input data.</param>
    /// <param name="transformer">The annotated method as a method group, e.g. <c>Pipelines.RankWithinKey</c> (checked at compile time).</param>
    /// <param name="partition">Keys, presort, num and algo (none = one partition).</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that make the failing partition's output empty.</param>
    /// <param name="persist">Materialize the result before returning it.</param>
    /// <param name="asLocal">Return a local frame.</param>
    /// <param name="engine">The engine (see <see cref="FugueApi"/> for the default).</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="cancellationToken">Cancels the run (also a lazy result's later reads).</param>
    /// <returns>The result, a frame of the engine.</returns>
    /// <example>
    /// <code>
    /// var ranked = FugueApi.Transform(sales, Pipelines.RankWithinKey,
    ///     partition: PartitionSpec.By("key").WithPresort("ts"),
    ///     @params: new Dictionary&lt;string, object?&gt; { ["start"] = 1 });
    /// </code>
    /// </example>
    public static DataFrame Transform(
        AnyDataFrame df,
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        bool persist = false,
        bool asLocal = false,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return Transform(df, TransformerHandle.From(transformer), partition, @params, ignoreErrors, persist, asLocal, engine, engineConf, cancellationToken);
    }

    /// <summary>Runs a [Transformer] resolved by handle (e.g. <see cref="TransformerHandle.FromName"/>); see the delegate overload.</summary>
    public static DataFrame Transform(
        AnyDataFrame df,
        TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        bool persist = false,
        bool asLocal = false,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default) =>
        RunFrame("transform", engine, engineConf, asLocal, [df], e =>
        {
            var result = e.Transform(df.On(e), transformer, partition, @params, ignoreErrors, cancellationToken);
            return persist ? e.Persist(result, cancellationToken: cancellationToken) : result;
        });

    /// <summary>Runs an <see cref="ITransformer"/> instance; see the delegate overload.</summary>
    public static DataFrame Transform(
        AnyDataFrame df,
        ITransformer transformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        bool persist = false,
        bool asLocal = false,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return RunFrame("transform", engine, engineConf, asLocal, [df], e =>
        {
            var result = e.Transform(df.On(e), transformer, partition, ignoreErrors, cancellationToken);
            return persist ? e.Persist(result, cancellationToken: cancellationToken) : result;
        });
    }

    /// <summary>Runs an annotated [OutputTransformer] method on every logical partition now, for its side effects (Fugue's <c>fa.out_transform</c>).</summary>
    /// <param name="df">The input data.</param>
    /// <param name="transformer">The annotated method as a method group.</param>
    /// <param name="partition">Keys, presort, num and algo.</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that end the failing partition's processing silently.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="engineConf">The conf of an engine made for the call.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static void OutTransform(
        AnyDataFrame df,
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        OutTransform(df, TransformerHandle.From(transformer), partition, @params, ignoreErrors, engine, engineConf, cancellationToken);
    }

    /// <summary>Runs an [OutputTransformer] resolved by handle now; see the delegate overload.</summary>
    public static void OutTransform(
        AnyDataFrame df,
        TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        AnyExecutionEngine? engine = null,
        IReadOnlyDictionary<string, object?>? engineConf = null,
        CancellationToken cancellationToken = default) =>
        Run("out_transform", engine, engineConf, [df], e =>
        {
            e.OutTransform(df.On(e), transformer, partition, @params, ignoreErrors, cancellationToken);
            return 0;
        });
}
