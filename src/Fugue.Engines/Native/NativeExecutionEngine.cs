using System.Globalization;
using System.Runtime.CompilerServices;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Partitioning;
using Fugue.Sql;

namespace Fugue.Native;

/// <summary>
/// The in-process engine: columnar (Arrow-layout batches), lazy, and parallel over the machine's cores.
/// <list type="bullet">
/// <item>Its frames are the local frames: <see cref="ToDf(DataFrame)"/> returns a local frame unchanged and brings any
/// other frame (another engine's) into this process.</item>
/// <item>Operations check their arguments and schemas when called, and return lazy frames that compute on every read;
/// <see cref="Persist"/> materializes a frame once into a <see cref="ColumnarDataFrame"/>. Lazy results are
/// <see cref="LocalUnboundedDataFrame"/>s: read them (rows, batches, <c>Show</c>) or persist them to count them.</item>
/// <item>Row-wise operations (<see cref="DropNa"/>, <see cref="FillNa(DataFrame, object, IReadOnlyList{string}?)"/>, an
/// unsorted <see cref="Take"/>, UNION ALL) stream batch by batch; the others (sorting, grouping, hashing) hold their input
/// as one columnar batch, so memory is proportional to the data, never to the number of groups.</item>
/// <item>Map and comap run logical partitions on up to <see cref="ParallelismKey"/> threads and keep a deterministic
/// output order (the same for every parallelism).</item>
/// <item>Cancellation stops the work at the next partition or batch; the lazy frame then throws
/// <see cref="OperationCanceledException"/> when read and never yields partial output.</item>
/// </list>
/// </summary>
public sealed partial class NativeExecutionEngine : ExecutionEngine
{
    /// <summary>The configuration key for how many partitions run at the same time (default: <see cref="Environment.ProcessorCount"/>).</summary>
    public const string ParallelismKey = "fugue.native.parallelism";

    private readonly int _parallelism;
    private readonly ConditionalWeakTable<DataFrame, DataFrame> _persisted = new();

    /// <summary>Creates the engine; <paramref name="conf"/> is overlaid on Fugue's global defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ParallelismKey"/> is below 1.</exception>
    public NativeExecutionEngine(IReadOnlyDictionary<string, object?>? conf = null) : base(conf)
    {
        _parallelism = Conf.ContainsKey(ParallelismKey) ? Conf.GetOrThrow<int>(ParallelismKey) : Environment.ProcessorCount;
        if (_parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(conf), _parallelism, $"{ParallelismKey} must be at least 1, got {_parallelism.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>False: everything runs in this process.</summary>
    public override bool IsDistributed => false;

    /// <summary>The number of partitions processed at the same time (<see cref="ParallelismKey"/>).</summary>
    public override int GetCurrentParallelism() => _parallelism;

    /// <inheritdoc />
    protected override MapEngine CreateDefaultMapEngine() => new NativeMapEngine(this);

    /// <summary>True: map functions run in this process, so progress and logging observe each partition.</summary>
    protected override bool RunsMapInProcess => true;

    /// <summary>
    /// Known in advance without keys (one call, or <c>num</c> contiguous non-empty chunks) and for <c>coarse</c> with
    /// <c>num</c> 0 (one call); key groups are counted as they finish.
    /// </summary>
    protected override long? GetMapPartitionCount(PartitionSpec partitionSpec, long rows)
    {
        ArgumentNullException.ThrowIfNull(partitionSpec);
        if (rows == 0)
        {
            return 0;
        }

        if (partitionSpec.HasPartitionKeys)
        {
            return partitionSpec.Algo == PartitionAlgo.Coarse && partitionSpec.NumPartitions == "0" ? 1 : null;
        }

        return partitionSpec.NumPartitions == "0"
            ? 1
            : Math.Min(rows, Math.Max(1, partitionSpec.GetNumPartitions(() => rows, () => _parallelism)));
    }

    /// <summary>The default SQL facet: <see cref="SqliteEngine"/> (in-memory SQLite), as the seed page says for native engines.</summary>
    protected override SqlEngine CreateDefaultSqlEngine() => new SqliteEngine(this);

    /// <summary>
    /// A local frame is returned unchanged (lazy results stay lazy), except a single-pass stream, which is read once and
    /// cached (<see cref="DataFrame.AsLocalBounded"/>) so that the engine and later operations can read it again. Any other
    /// frame (another engine's) is brought into this process as a local bounded frame (rows and schema, metadata kept).
    /// </summary>
    public override DataFrame ToDf(DataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return df switch
        {
            IterableDataFrame { IsReplayable: false } stream => stream.AsLocalBounded(),
            { IsLocal: true } => df,
            _ => df.AsLocalBounded(),
        };
    }

    /// <summary>A no-op for the in-process engine (partitioning happens in map and the grouped operations); returns the frame as <see cref="ToDf(DataFrame)"/> does.</summary>
    public override DataFrame Repartition(DataFrame df, PartitionSpec partitionSpec)
    {
        ArgumentNullException.ThrowIfNull(partitionSpec);
        return ToDf(df);
    }

    /// <summary>Every thread of this process sees every frame: the same as <see cref="Persist"/>, so a broadcast frame is computed once.</summary>
    public override DataFrame Broadcast(DataFrame df) => Persist(df);

    /// <summary>
    /// Materializes a lazy (or non-local) frame now into a <see cref="ColumnarDataFrame"/> and returns it; metadata is kept.
    /// Only the first call counts: persisting the same lazy frame again returns the same materialized frame, and a
    /// frame that is already materialized (local and bounded, e.g. a persisted one) is returned unchanged. With
    /// <paramref name="lazy"/>, the returned frame computes the data at its first read instead, then keeps it (a failed
    /// or cancelled first read is not kept); persisting that frame again returns it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the data was read.</exception>
    public override DataFrame Persist(DataFrame df, bool lazy = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        if (df.IsLocal && df.IsBounded)
        {
            return df;
        }

        lock (_persisted)
        {
            if (_persisted.TryGetValue(df, out var done))
            {
                return done;
            }
        }

        if (lazy)
        {
            var gate = new Lock();
            List<RecordBatch>? cache = null;
            var deferred = IterableDataFrame.Replayable(
                () =>
                {
                    lock (gate)
                    {
                        return cache ??= df.AsBatches().ToList();
                    }
                },
                df.Schema).WithMetadata(df.Metadata);
            lock (_persisted)
            {
                if (_persisted.TryGetValue(df, out var other))
                {
                    return other;
                }

                _persisted.Add(df, deferred);
                _persisted.AddOrUpdate(deferred, deferred);
            }

            return deferred;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var batches = new List<RecordBatch>();
        foreach (var b in df.AsBatches())
        {
            cancellationToken.ThrowIfCancellationRequested();
            batches.Add(b);
        }

        var result = new ColumnarDataFrame(df.Schema, batches).WithMetadata(df.Metadata);
        lock (_persisted)
        {
            if (_persisted.TryGetValue(df, out var other))
            {
                return other;
            }

            _persisted.Add(df, result);
        }

        return result;
    }
}
