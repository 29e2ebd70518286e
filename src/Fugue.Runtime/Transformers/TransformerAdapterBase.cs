using System.Collections;
using System.Globalization;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;
using Fugue.Transformers.Codecs;

namespace Fugue.Transformers;

/// <summary>
/// Base of the generated adapters: parameter binding and the conversions between frames and the shapes a
/// method declares. Row streams are lazy in both directions (batch by batch), so a method over
/// <c>IEnumerable&lt;T&gt;</c> never holds the whole partition.
/// </summary>
public abstract class TransformerAdapterBase
{
    /// <summary>Rows per output batch of row-producing methods.</summary>
    public const int OutputBatchSize = 8192;

    /// <summary>Creates the adapter and binds its parameters.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    protected TransformerAdapterBase(string name, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string> parameterNames)
        : this(name, parameters, parameterNames, "Transformer")
    {
    }

    /// <summary>Creates the adapter of an extension of <paramref name="kind"/> and binds its parameters.</summary>
    /// <param name="name">The registry name.</param>
    /// <param name="parameters">The params given at call time.</param>
    /// <param name="parameterNames">The method's bindable parameter names.</param>
    /// <param name="kind">The extension kind for messages ("Transformer", "Processor", ...).</param>
    protected TransformerAdapterBase(string name, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string> parameterNames, string kind)
    {
        Name = name;
        KindName = kind;
        Params = new ParamBinder(name, parameters, parameterNames, kind);
    }

    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    public string Name { get; }

    /// <summary>The method's validation rules (generated adapters with rules override it).</summary>
    public virtual ValidationRules ValidationRules => ValidationRules.None;

    /// <summary>The extension kind for messages ("Transformer", "Processor", ...).</summary>
    protected string KindName { get; }

    /// <summary>Binds the method's extra parameters.</summary>
    protected ParamBinder Params { get; }

    /// <summary>The frame's rows as <typeparamref name="T"/>, read lazily by column name.</summary>
    protected IEnumerable<T> ReadRows<T>(IRowCodec<T> codec, LocalDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(df);
        // Bind (and check) the columns now, so a mismatch fails at the call rather than at the first row.
        RowReader<T>? first = codec.CreateReader(new ColumnBinder(Name, codec.TypeName, df.Schema, ColumnRole.Input));
        var name = Name;
        return new RowStream<T>(() => Interlocked.Exchange(ref first, null) ?? codec.CreateReader(new ColumnBinder(name, codec.TypeName, df.Schema, ColumnRole.Input)), df);
    }

    /// <summary>The frame's rows as <c>object?[]</c> in schema order.</summary>
    protected static IEnumerable<object?[]> ReadArrays(LocalDataFrame df) => df.AsArrayIterable();

    /// <summary>The frame's rows as dictionaries by column name.</summary>
    protected static IEnumerable<Dictionary<string, object?>> ReadDictionaries(LocalDataFrame df) => df.AsDictIterable();

    /// <summary>The whole partition as one batch.</summary>
    protected static RecordBatch ReadBatch(LocalDataFrame df) => FrameBatches.ReadAll(df);

    /// <summary>The partition as a lazy stream of batches.</summary>
    protected static IEnumerable<RecordBatch> ReadBatches(LocalDataFrame df) => FrameBatches.Read(df);

    /// <summary>Typed rows to a lazy frame of <paramref name="output"/>, written batch by batch.</summary>
    protected LocalDataFrame WriteRows<T>(IRowCodec<T> codec, IEnumerable<T>? rows, Schema output)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var writer = codec.CreateWriter(new ColumnBinder(Name, codec.TypeName, output, ColumnRole.Output));
        return FrameBatches.Write(WriteRowsCore(writer, rows ?? []), output);
    }

    /// <summary><c>object?[]</c> rows (schema order) to a lazy frame.</summary>
    protected LocalDataFrame WriteArrays(IEnumerable<object?[]>? rows, Schema output) =>
        new IterableDataFrame(CheckArrays(rows ?? [], output), output);

    /// <summary>Dictionary rows to a lazy frame: each schema column is picked by name (missing = null).</summary>
    protected static LocalDataFrame WriteDictionaries<TDictionary>(IEnumerable<TDictionary?>? rows, Schema output)
        where TDictionary : IEnumerable<KeyValuePair<string, object?>> =>
        new IterableDataFrame(PickColumns(rows ?? [], output), output);

    /// <summary>Batches to a lazy frame; each batch must have the output schema.</summary>
    protected LocalDataFrame WriteBatches(IEnumerable<RecordBatch>? batches, Schema output) =>
        FrameBatches.Write(CheckBatches(batches ?? [], output), output);

    /// <summary>A frame returned by the method; its schema must be the output schema.</summary>
    protected LocalDataFrame WriteFrame(LocalDataFrame? frame, Schema output)
    {
        if (frame is null)
        {
            return FrameBatches.Write([], output);
        }

        if (frame.Schema != output)
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"Transformer '{Name}' returned a frame with schema {frame.Schema}, but its output schema is {output}."));
        }

        return frame;
    }

    /// <summary>A single returned row as a stream: one row, or none when the method returned null.</summary>
    protected static IEnumerable<T> One<T>(T? row)
    {
        if (row is not null)
        {
            yield return row;
        }
    }

    /// <summary>Fully enumerates what an output transformer returned (lazy methods run their side effects).</summary>
    protected static void Consume(object? result)
    {
        if (result is IEnumerable items and not string)
        {
            var e = items.GetEnumerator();
            try
            {
                while (e.MoveNext())
                {
                }
            }
            finally
            {
                (e as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>
    /// The input frame for one parameter of a co-transformer: by name for a named zip (the key must equal the
    /// parameter name), by position otherwise.
    /// </summary>
    protected LocalDataFrame Input(DataFrames dfs, int index, string parameter) => InputFrame(dfs, index, parameter).AsLocal();

    /// <summary>
    /// The input frame for one parameter of a co-transformer, processor or outputter, as given (not made local): by
    /// name when the frames are named (the name must equal the parameter name), by position otherwise.
    /// </summary>
    protected DataFrame InputFrame(DataFrames dfs, int index, string parameter)
    {
        ArgumentNullException.ThrowIfNull(dfs);
        if (dfs.HasKey)
        {
            if (dfs.TryGetValue(parameter, out var named))
            {
                return named;
            }

            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"{KindName} '{Name}' binds {Frames} by name, but there is no frame named '{parameter}'; the frames are: {string.Join(", ", dfs.Keys)}."));
        }

        if (index >= dfs.Count)
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"{KindName} '{Name}' needs a frame for parameter '{parameter}' (position {index}), but only {dfs.Count} frames were {(KindName.Contains("Transformer", StringComparison.Ordinal) ? "zipped" : "given")}."));
        }

        return dfs[index];
    }

    /// <summary>A whole frame returned by a creator or processor, as is; null is an error.</summary>
    protected DataFrame WriteDataFrame(DataFrame? frame) =>
        frame ?? throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture, $"{KindName} '{Name}' returned null instead of a frame."));

    /// <summary>The running engine as the type a method asks for.</summary>
    protected T Engine<T>(ExtensionContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEngine<T>(Name);
    }

    private string Frames => KindName.Contains("Transformer", StringComparison.Ordinal) ? "zipped frames" : "its input frames";

    internal static IEnumerable<RecordBatch> WriteRowsCore<T>(RowWriter<T> writer, IEnumerable<T> rows)
    {
        using var e = rows.GetEnumerator();
        // The chunk starts small (many partitions return a few rows) and doubles up to RowStream's chunk size.
        var chunk = new T[16];
        while (true)
        {
            var requested = Math.Min(chunk.Length, OutputBatchSize - writer.Count);
            var n = Fill(e, chunk, requested);
            if (n > 0)
            {
                writer.Write(new ReadOnlySpan<T>(chunk, 0, n));
            }

            var done = n < requested;
            if (writer.Count >= OutputBatchSize || (done && writer.Count > 0))
            {
                yield return writer.Flush();
            }

            if (done)
            {
                break;
            }

            if (n == chunk.Length && chunk.Length < RowStream<T>.ChunkSize)
            {
                chunk = new T[chunk.Length * 2];
            }
        }
    }

    /// <summary>Moves up to <paramref name="max"/> rows of the method's result into <paramref name="chunk"/>.</summary>
    private static int Fill<T>(IEnumerator<T> e, T[] chunk, int max)
    {
        var span = chunk.AsSpan(0, max);
        for (var i = 0; i < span.Length; i++)
        {
            if (!e.MoveNext())
            {
                return i;
            }

            span[i] = e.Current;
        }

        return span.Length;
    }

    private IEnumerable<object?[]> CheckArrays(IEnumerable<object?[]> rows, Schema output)
    {
        foreach (var row in rows)
        {
            if (row is null || row.Length != output.Count)
            {
                throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{Name}' returned a row with {(row is null ? "no" : row.Length.ToString(CultureInfo.InvariantCulture))} values, but its output schema {output} has {output.Count} columns."));
            }

            yield return row;
        }
    }

    private static IEnumerable<object?[]> PickColumns<TDictionary>(IEnumerable<TDictionary?> rows, Schema output)
        where TDictionary : IEnumerable<KeyValuePair<string, object?>>
    {
        var names = output.Names;
        foreach (var row in rows)
        {
            var values = new object?[names.Count];
            if (row is IReadOnlyDictionary<string, object?> readOnly)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    readOnly.TryGetValue(names[i], out values[i]);
                }
            }
            else if (row is IDictionary<string, object?> dictionary)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    dictionary.TryGetValue(names[i], out values[i]);
                }
            }

            yield return values;
        }
    }

    private IEnumerable<RecordBatch> CheckBatches(IEnumerable<RecordBatch> batches, Schema output)
    {
        foreach (var batch in batches)
        {
            if (batch.Schema != output)
            {
                throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"Transformer '{Name}' returned a batch with schema {batch.Schema}, but its output schema is {output}."));
            }

            yield return batch;
        }
    }
}
