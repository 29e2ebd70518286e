using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Execution;

// Typed entry points for annotated transformers (issue #4), on top of Map and Comap with Fugue's run rules (spec 3.3,
// 4.1): the output schema comes from the adapter, OnInit runs with a fresh cursor of the physical partition before its
// first transform call, the cursor is passed to every call, and each partition's output is materialized inside the
// transformer's context (so lazy results still see TransformerContext.Current) and inside the ignore_errors guard.
// The TransformerHandle overloads are the virtual core: a distributed engine can override them to ship the registry
// name and params to its workers (which resolve the handle by name) instead of an adapter instance.
public abstract partial class ExecutionEngine
{
    /// <summary>The schema of an output transformer's (empty) result, as Fugue's dummy frame.</summary>
    private static readonly Schema NoDataSchema = Schema.Parse("__output_no_data__:int");

    /// <summary>
    /// Runs an annotated [Transformer] method (passed as a method group; the analyzer reports FUG014 when it is not
    /// annotated) on every logical partition of <paramref name="df"/>.
    /// </summary>
    /// <param name="df">The input frame.</param>
    /// <param name="transformer">The annotated method, e.g. <c>Pipelines.RankWithinKey</c>.</param>
    /// <param name="partition">Keys, presort, num and algo (none = one partition).</param>
    /// <param name="params">Values of the method's extra parameters, by name (missing ones take their C# defaults).</param>
    /// <param name="ignoreErrors">Exception types (subclasses included) that make the failing partition's output empty.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The lazy result, with the adapter's output schema for the input schema.</returns>
    public DataFrame Transform(
        DataFrame df,
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        Transform(df, TransformerHandle.From(transformer), partition, @params, ignoreErrors, cancellationToken);

    /// <summary>Runs a [Transformer] resolved by handle (e.g. <see cref="TransformerHandle.FromName"/>); see the delegate overload.</summary>
    public virtual DataFrame Transform(
        DataFrame df,
        TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        Transform(df, Registration(transformer).CreateTransformer(@params), partition, ignoreErrors, cancellationToken);

    /// <summary>
    /// Runs an <see cref="ITransformer"/> (a generated adapter or a hand-written class) on every logical partition:
    /// <see cref="ITransformer.OnInit"/> once per physical partition before its first <see cref="ITransformer.Transform"/>
    /// call, on the same instance. The transformer's <see cref="ITransformer.ValidationRules"/> are checked first, against
    /// <paramref name="partition"/> and the input schema.
    /// </summary>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public DataFrame Transform(
        DataFrame df,
        ITransformer transformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(transformer);
        var spec = partition ?? PartitionSpec.Empty;
        var schema = df.Schema;
        TransformerValidation.Validate(transformer.ValidationRules, spec, schema);
        var output = transformer.GetOutputSchema(schema);
        var context = new TransformerContext(transformer.Name, Conf, spec, spec.GetKeySchema(schema), output);
        var guard = IgnoreGuard(ignoreErrors);
        return MapObserved(
            "transform " + transformer.Name,
            df,
            (cursor, part) => RunPartition(context, guard, output, () => transformer.Transform(cursor, part), cancellationToken),
            output,
            spec,
            (no, part) =>
            {
                using var scope = TransformerContext.Enter(context);
                transformer.OnInit(spec.GetCursor(schema, no), part);
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs an annotated [OutputTransformer] method on every logical partition now, for its side effects.
    /// </summary>
    /// <param name="df">The input frame.</param>
    /// <param name="transformer">The annotated method.</param>
    /// <param name="partition">Keys, presort, num and algo (none = one partition).</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that end the failing partition's processing silently.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public void Out(
        DataFrame df,
        [TransformerHandle] Delegate transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        OutTransform(df, TransformerHandle.From(transformer), partition, @params, ignoreErrors, cancellationToken);

    /// <summary>Runs an [OutputTransformer] resolved by handle now; see <see cref="Out"/>.</summary>
    public virtual void OutTransform(
        DataFrame df,
        TransformerHandle transformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        OutTransform(df, Registration(transformer).CreateOutputTransformer(@params), partition, ignoreErrors, cancellationToken);

    /// <summary>Runs an <see cref="IOutputTransformer"/> on every logical partition now (OnInit rule as for transformers; validation rules checked first).</summary>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public void OutTransform(
        DataFrame df,
        IOutputTransformer transformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(transformer);
        var spec = partition ?? PartitionSpec.Empty;
        var schema = df.Schema;
        TransformerValidation.Validate(transformer.ValidationRules, spec, schema);
        var context = new TransformerContext(transformer.Name, Conf, spec, spec.GetKeySchema(schema), Schema.Empty);
        var guard = IgnoreGuard(ignoreErrors);
        var result = MapObserved(
            "out_transform " + transformer.Name,
            df,
            (cursor, part) => RunPartition(context, guard, NoDataSchema, () => Processed(() => transformer.Process(cursor, part)), cancellationToken),
            NoDataSchema,
            spec,
            (no, part) =>
            {
                using var scope = TransformerContext.Enter(context);
                transformer.OnInit(spec.GetCursor(schema, no), part);
            },
            cancellationToken);
        Drain(result, cancellationToken);
    }

    /// <summary>
    /// Runs an annotated [CoTransformer] method on every key group of a frame from <see cref="Zip"/>: inputs bind by name
    /// for a named zip (the zip keys must equal the parameter names), by position otherwise.
    /// </summary>
    /// <param name="zipped">The result of <see cref="Zip"/>.</param>
    /// <param name="cotransformer">The annotated method.</param>
    /// <param name="partition">Only num and algo matter (the zip fixed the keys and presort).</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that make the failing group's output empty.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The lazy result, with the co-transformer's declared schema.</returns>
    public DataFrame CoTransform(
        DataFrame zipped,
        [TransformerHandle] Delegate cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        CoTransform(zipped, TransformerHandle.From(cotransformer), partition, @params, ignoreErrors, cancellationToken);

    /// <summary>Runs a [CoTransformer] resolved by handle; see the delegate overload.</summary>
    public virtual DataFrame CoTransform(
        DataFrame zipped,
        TransformerHandle cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        CoTransform(zipped, Registration(cotransformer).CreateCoTransformer(@params), partition, ignoreErrors, cancellationToken);

    /// <summary>
    /// Runs an <see cref="ICoTransformer"/> on every key group of a zipped frame; OnInit receives empty frames of the
    /// zipped schemas, once per physical partition, before the first group. Its output schema is asked with no frames
    /// (co-transformer schemas never depend on the inputs).
    /// </summary>
    public DataFrame CoTransform(
        DataFrame zipped,
        ICoTransformer cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipped);
        ArgumentNullException.ThrowIfNull(cotransformer);
        var spec = partition ?? PartitionSpec.Empty;
        var output = cotransformer.GetOutputSchema(new DataFrames());
        var keySchema = zipped.Schema; // a zipped frame's schema is its key columns (Fugue: schema minus the blob columns)
        var context = new TransformerContext(cotransformer.Name, Conf, spec, keySchema, output);
        var cursorSpec = new PartitionSpec(by: keySchema.Names);
        var guard = IgnoreGuard(ignoreErrors);
        return ComapObserved(
            "cotransform " + cotransformer.Name,
            zipped,
            (cursor, dfs) => RunPartition(context, guard, output, () => cotransformer.Transform(cursor, dfs), cancellationToken),
            output,
            spec,
            (no, dfs) =>
            {
                using var scope = TransformerContext.Enter(context);
                cotransformer.OnInit(dfs.Count == 0 ? null : cursorSpec.GetCursor(dfs[0].Schema, no), dfs);
            },
            cancellationToken);
    }

    /// <summary>Runs an annotated [OutputCoTransformer] method on every key group of a zipped frame now.</summary>
    /// <param name="zipped">The result of <see cref="Zip"/>.</param>
    /// <param name="cotransformer">The annotated method.</param>
    /// <param name="partition">Only num and algo matter.</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <param name="ignoreErrors">Exception types that end the failing group's processing silently.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public void OutCoTransform(
        DataFrame zipped,
        [TransformerHandle] Delegate cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        OutCoTransform(zipped, TransformerHandle.From(cotransformer), partition, @params, ignoreErrors, cancellationToken);

    /// <summary>Runs an [OutputCoTransformer] resolved by handle now.</summary>
    public virtual void OutCoTransform(
        DataFrame zipped,
        TransformerHandle cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default) =>
        OutCoTransform(zipped, Registration(cotransformer).CreateOutputCoTransformer(@params), partition, ignoreErrors, cancellationToken);

    /// <summary>Runs an <see cref="IOutputCoTransformer"/> on every key group of a zipped frame now.</summary>
    public void OutCoTransform(
        DataFrame zipped,
        IOutputCoTransformer cotransformer,
        PartitionSpec? partition = null,
        IReadOnlyList<Type>? ignoreErrors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipped);
        ArgumentNullException.ThrowIfNull(cotransformer);
        var spec = partition ?? PartitionSpec.Empty;
        var keySchema = zipped.Schema;
        var context = new TransformerContext(cotransformer.Name, Conf, spec, keySchema, Schema.Empty);
        var cursorSpec = new PartitionSpec(by: keySchema.Names);
        var guard = IgnoreGuard(ignoreErrors);
        var result = ComapObserved(
            "out_cotransform " + cotransformer.Name,
            zipped,
            (cursor, dfs) => RunPartition(context, guard, NoDataSchema, () => Processed(() => cotransformer.Process(cursor, dfs)), cancellationToken),
            NoDataSchema,
            spec,
            (no, dfs) =>
            {
                using var scope = TransformerContext.Enter(context);
                cotransformer.OnInit(dfs.Count == 0 ? null : cursorSpec.GetCursor(dfs[0].Schema, no), dfs);
            },
            cancellationToken);
        Drain(result, cancellationToken);
    }

    private static TransformerRegistration Registration(TransformerHandle handle) =>
        handle.Registration ?? throw new ArgumentException("The transformer handle is empty (default); create it with TransformerHandle.From or FromName.", nameof(handle));

    private static Func<Exception, bool>? IgnoreGuard(IReadOnlyList<Type>? ignoreErrors)
    {
        if (ignoreErrors is null || ignoreErrors.Count == 0)
        {
            return null;
        }

        var types = ignoreErrors.ToArray();
        foreach (var type in types)
        {
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"ignoreErrors must list exception types, got '{type?.FullName ?? "null"}'.", nameof(ignoreErrors));
            }
        }

        return e => Array.Exists(types, t => t.IsInstanceOfType(e));
    }

    /// <summary>
    /// One partition: the call and the full read of its (possibly lazy) result run inside the transformer's context and
    /// the ignore_errors guard, so a listed error drops the whole partition's output, rows already produced included.
    /// </summary>
    private static LocalDataFrame RunPartition(
        TransformerContext context,
        Func<Exception, bool>? ignore,
        Schema output,
        Func<LocalDataFrame> call,
        CancellationToken cancellationToken)
    {
        using var scope = TransformerContext.Enter(context);
        try
        {
            var result = call();
            var batches = new List<RecordBatch>();
            foreach (var batch in result.AsBatches())
            {
                cancellationToken.ThrowIfCancellationRequested();
                batches.Add(batch);
            }

            return new ColumnarDataFrame(result.Schema, batches);
        }
        catch (Exception e) when (ignore is not null && ignore(e))
        {
            return new EmptyDataFrame(output);
        }
    }

    private static LocalDataFrame Processed(Action process)
    {
        process();
        return new EmptyDataFrame(NoDataSchema);
    }

    private static void Drain(DataFrame result, CancellationToken cancellationToken)
    {
        foreach (var unused in result.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
