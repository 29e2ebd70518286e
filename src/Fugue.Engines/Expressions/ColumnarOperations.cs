using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Expressions;

/// <summary>
/// Select, filter, assign and aggregate evaluated natively on columnar batches (the native engine's
/// implementation): the same validation and output types as the SQL path (<see cref="ExpressionValidation"/>,
/// <see cref="ExpressionTypes"/>), rows filtered with <see cref="ColumnarEvaluator.Where"/>, aggregations by a hash
/// group-by keyed on the group columns (the NULL group kept).
/// </summary>
public static class ColumnarOperations
{
    /// <summary>
    /// See <c>ExecutionEngine.Select</c>; returns a columnar frame. Without aggregations the batches are independent and
    /// run on up to <paramref name="parallelism"/> threads (output order kept).
    /// </summary>
    /// <exception cref="FugueExpressionException">The columns or conditions are invalid for the frame's schema.</exception>
    public static ColumnarDataFrame Select(
        DataFrame df, SelectColumns columns, ColumnExpr? where = null, ColumnExpr? having = null, CancellationToken cancellationToken = default, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(columns);
        var input = df.Schema;
        var output = ExpressionValidation.ValidateSelect(columns, input, where, having);
        var expanded = columns.ReplaceWildcard(input);
        var batches = new List<RecordBatch>();
        if (!expanded.HasAggregation)
        {
            RecordBatch Run(RecordBatch batch)
            {
                var filtered = where is null ? batch : ColumnKernels.Take(batch, ColumnarEvaluator.Where(where, batch));
                return Project(expanded, filtered, output);
            }

            if (parallelism <= 1)
            {
                foreach (var batch in df.AsBatches())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    batches.Add(Run(batch));
                }
            }
            else
            {
                var inputs = df.AsBatches().ToList();
                var results = new RecordBatch[inputs.Count];
                try
                {
                    Parallel.For(
                        0,
                        inputs.Count,
                        new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                        i => results[i] = Run(inputs[i]));
                }
                catch (AggregateException e) when (e.InnerExceptions.Count > 0)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                }

                batches.AddRange(results);
            }
        }
        else
        {
            batches.Add(SelectAggregated(df, expanded, output, where, having, cancellationToken, parallelism));
        }

        if (expanded.IsDistinct)
        {
            batches = [Distinct(batches, output)];
        }

        return new ColumnarDataFrame(output, batches);
    }

    /// <summary>The rows where <paramref name="condition"/> is true.</summary>
    public static ColumnarDataFrame Filter(DataFrame df, ColumnExpr condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Select(df, new SelectColumns(Functions.All()), where: condition, cancellationToken: cancellationToken);
    }

    /// <summary>See <c>ExecutionEngine.Assign</c>.</summary>
    public static ColumnarDataFrame Assign(DataFrame df, IReadOnlyList<ColumnExpr> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        return Select(df, ExpressionValidation.AssignColumns(df.Schema, columns), cancellationToken: cancellationToken);
    }

    /// <summary>See <c>ExecutionEngine.Aggregate</c>.</summary>
    public static ColumnarDataFrame Aggregate(DataFrame df, PartitionSpec? partitionBy, IReadOnlyList<ColumnExpr> aggregations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        return Select(df, ExpressionValidation.AggregateColumns(partitionBy, aggregations), cancellationToken: cancellationToken);
    }

    private static RecordBatch Project(SelectColumns columns, RecordBatch batch, Schema output)
    {
        var result = new Column[columns.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Conform(ColumnarEvaluator.Evaluate(columns[i], batch), output[i].Type);
        }

        return new RecordBatch(output, result, batch.Length);
    }

    private static Column Conform(Column column, DataType type) => column.Type.Equals(type) ? column : ColumnKernels.Cast(column, type);

    private static RecordBatch SelectAggregated(
        DataFrame df, SelectColumns columns, Schema output, ColumnExpr? where, ColumnExpr? having, CancellationToken cancellationToken, int parallelism)
    {
        var input = df.Schema;
        var keys = columns.GroupKeys.Select(k => k.Bare()).Distinct().ToArray();
        var aggregations = new List<AggregateExpr>();
        var aggregationIndex = new Dictionary<ColumnExpr, int>();
        foreach (var c in columns.Concat(having is null ? [] : [having]))
        {
            CollectAggregations(c, aggregations, aggregationIndex);
        }

        var aggregator = Aggregate(df, where, () => new GroupAggregator(input, keys, aggregations), cancellationToken, parallelism);

        var groups = aggregator.Finish();
        var keyIndex = new Dictionary<ColumnExpr, int>();
        for (var i = 0; i < keys.Length; i++)
        {
            keyIndex[keys[i]] = i;
        }

        string? Lookup(ColumnExpr bare) =>
            keyIndex.TryGetValue(bare, out var k) ? GroupAggregator.KeyName(k)
            : bare is AggregateExpr && aggregationIndex.TryGetValue(bare, out var a) ? GroupAggregator.AggregateName(a)
            : null;

        if (having is not null)
        {
            var condition = Rewrite(having, Lookup);
            groups = ColumnKernels.Take(groups, ColumnarEvaluator.Where(condition, groups));
        }

        var rewritten = new SelectColumns(columns.Select(c => Rewrite(c, Lookup)));
        return Project(rewritten, groups, output);
    }

    /// <summary>Rows per worker below which a parallel partial aggregation does not pay for its merge.</summary>
    private const int ParallelAggregateRows = 1 << 16;

    /// <summary>
    /// Feeds the batches to an aggregator. With parallelism, the batches are split into contiguous ranges of about
    /// equal rows, each range aggregated on its own thread, and the partial results merged in range order, so the
    /// groups keep their first-seen order.
    /// </summary>
    private static GroupAggregator Aggregate(
        DataFrame df, ColumnExpr? where, Func<GroupAggregator> create, CancellationToken cancellationToken, int parallelism)
    {
        void Feed(GroupAggregator aggregator, RecordBatch batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            aggregator.Add(where is null ? batch : ColumnKernels.Take(batch, ColumnarEvaluator.Where(where, batch)));
        }

        if (parallelism <= 1)
        {
            var single = create();
            foreach (var batch in df.AsBatches())
            {
                Feed(single, batch);
            }

            return single;
        }

        var batches = df.AsBatches().Where(b => b.Length > 0).ToList();
        var total = batches.Sum(b => (long)b.Length);
        var want = (int)Math.Min(parallelism, total / ParallelAggregateRows);
        if (want > 1 && batches.Count < want)
        {
            // too few batches to share out (e.g. one big batch): zero-copy slices of about equal size
            var size = (int)((total + want - 1) / want);
            batches = batches.SelectMany(b => Enumerable.Range(0, (b.Length + size - 1) / size)
                .Select(k => b.Slice(k * size, Math.Min(size, b.Length - (k * size))))).ToList();
        }

        var workers = (int)Math.Min(Math.Min(parallelism, batches.Count), total / ParallelAggregateRows);
        if (workers <= 1)
        {
            var single = create();
            foreach (var batch in batches)
            {
                Feed(single, batch);
            }

            return single;
        }

        // contiguous ranges of batches with about total / workers rows each
        var bounds = new int[workers + 1];
        long seen = 0;
        var w = 1;
        for (var i = 0; i < batches.Count && w < workers; i++)
        {
            seen += batches[i].Length;
            if (seen * workers >= total * w)
            {
                bounds[w++] = i + 1;
            }
        }

        for (; w <= workers; w++)
        {
            bounds[w] = batches.Count;
        }

        var partials = new GroupAggregator[workers];
        try
        {
            Parallel.For(
                0,
                workers,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                p =>
                {
                    var partial = create();
                    for (var i = bounds[p]; i < bounds[p + 1]; i++)
                    {
                        Feed(partial, batches[i]);
                    }

                    partials[p] = partial;
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        for (var p = 1; p < partials.Length; p++)
        {
            partials[0].Merge(partials[p]);
        }

        return partials[0];
    }

    private static void CollectAggregations(ColumnExpr expr, List<AggregateExpr> list, Dictionary<ColumnExpr, int> index)
    {
        if (expr is AggregateExpr a)
        {
            var bare = (AggregateExpr)a.Bare();
            if (!index.ContainsKey(bare))
            {
                index[bare] = list.Count;
                list.Add(bare);
            }

            return;
        }

        foreach (var child in expr.Children)
        {
            CollectAggregations(child, list, index);
        }
    }

    /// <summary>Replaces group keys and aggregations with references to the group batch's columns, keeping aliases and casts.</summary>
    private static ColumnExpr Rewrite(ColumnExpr expr, Func<ColumnExpr, string?> lookup)
    {
        var found = lookup(expr.Bare());
        ColumnExpr body;
        if (found is not null)
        {
            body = Functions.Col(found);
        }
        else
        {
            body = expr switch
            {
                LiteralExpr => expr.Bare(),
                UnaryExpr u => new UnaryExpr(u.Operator, Rewrite(u.Operand, lookup)),
                BinaryExpr b => new BinaryExpr(b.Operator, Rewrite(b.Left, lookup), Rewrite(b.Right, lookup)),
                _ => throw new FugueExpressionException(
                    $"{expr.Bare()} must be a group key (a non-aggregated select column) or inside an aggregation"),
            };
        }

        if (expr.AsType is not null)
        {
            body = body.Cast(expr.AsType);
        }

        if (expr.AsName is not null)
        {
            body = body.Alias(expr.AsName);
        }
        else if (found is not null && expr.Name.Length > 0)
        {
            // keep the inferred output name of a key or aggregation that is now a synthetic column reference
            body = body.Alias(expr.Name);
        }

        return body;
    }

    private static RecordBatch Distinct(List<RecordBatch> batches, Schema output)
    {
        var seen = new HashSet<object?[]>(ValueKeyComparer.Instance);
        var builder = new RecordBatchBuilder(output);
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length; r++)
            {
                var row = new object?[batch.ColumnCount];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = batch.Column(c).GetValue(r);
                }

                if (seen.Add(row))
                {
                    builder.AppendRow(row);
                }
            }
        }

        return builder.Build();
    }
}
