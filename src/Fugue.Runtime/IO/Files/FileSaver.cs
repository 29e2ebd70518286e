using System.Collections.Concurrent;
using System.Globalization;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.IO.Files;

/// <summary>
/// Saves a stream of batches to files, crash-safely and with bounded memory (batches are written as they come).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Layout: one file by default (or with <c>forceSingle</c>); a folder of part files <c>part-00000.ext</c> when
/// <c>partitions</c> &gt; 1; Hive folders <c>key=value/part-00000.ext</c> (key columns dropped from the files, values
/// escaped by <see cref="HivePartitioning"/>) when partition keys are given. <c>forceSingle</c> wins over both.</item>
/// <item>Crash safety: everything is written to a hidden sibling <c>.name.tmp-guid</c> (ignored by loaders) and
/// renamed into place only when complete. Overwrite renames the old file or folder aside, renames the new one in
/// (restoring the old one if that fails) and then deletes the old one; so a failed or cancelled save leaves the
/// previous data exactly as it was and nothing half-written under the target path.</item>
/// <item>Append always writes a folder: new uniquely named part files are staged the same way and then moved into
/// the folder (created when missing). Appending to an existing single file is an error (it cannot take part files).</item>
/// <item>Error mode throws <see cref="IOException"/> when the path exists (checked before writing and again before
/// publishing).</item>
/// <item>Several part files (or Hive folders) are written in parallel on up to <c>maxParallelism</c> threads, each file owned by one thread (a bounded queue per
/// thread keeps memory bounded).</item>
/// </list>
/// </remarks>
public static class FileSaver
{
    private const int QueueCapacity = 4;

    /// <summary>Saves <paramref name="df"/> (read batch by batch) to <paramref name="path"/>.</summary>
    /// <param name="df">The frame to save.</param>
    /// <param name="path">The target file or folder (parent folders are created).</param>
    /// <param name="formatHint">parquet, csv, json or arrow; default from <paramref name="path"/>'s suffix.</param>
    /// <param name="mode">What to do when <paramref name="path"/> exists.</param>
    /// <param name="partitionKeys">Hive partition columns (a folder per value).</param>
    /// <param name="partitions">How many part files (a folder when above 1).</param>
    /// <param name="forceSingle">Always write exactly one file.</param>
    /// <param name="options">Codec options (CSV <c>header</c>, <c>delimiter</c>, <c>quote</c>, <c>null_value</c>; Parquet/Arrow <c>compression</c>, Parquet <c>row_group_size</c>).</param>
    /// <param name="maxParallelism">How many part files may be written at the same time.</param>
    /// <param name="cancellationToken">Cancels the save (the previous data is kept).</param>
    public static void Save(
        DataFrame df,
        string path,
        string? formatHint = null,
        FileSaveMode mode = FileSaveMode.Overwrite,
        IReadOnlyList<string>? partitionKeys = null,
        int partitions = 1,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        int maxParallelism = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        Save(df.Schema, df.AsBatches(), path, formatHint, mode, partitionKeys, partitions, forceSingle, options, maxParallelism, cancellationToken);
    }

    /// <summary>Saves batches of <paramref name="schema"/> to <paramref name="path"/> (see the other overload).</summary>
    public static void Save(
        Schema schema,
        IEnumerable<RecordBatch> batches,
        string path,
        string? formatHint = null,
        FileSaveMode mode = FileSaveMode.Overwrite,
        IReadOnlyList<string>? partitionKeys = null,
        int partitions = 1,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        int maxParallelism = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var format = FileFormats.Detect(path, formatHint);
        var codecOptions = new CodecOptions(options);
        var codec = format switch
        {
            FileFormat.Parquet => new SaveCodec(codecOptions.ParquetWrite(), new(), Ipc.ArrowIpcWriteOptions.Default),
            FileFormat.Csv => new SaveCodec(new(), codecOptions.CsvWrite(), Ipc.ArrowIpcWriteOptions.Default),
            FileFormat.Json => new SaveCodec(new(), new(), Ipc.ArrowIpcWriteOptions.Default),
            _ => new SaveCodec(new(), new(), codecOptions.ArrowWrite()),
        };
        codecOptions.CheckAllUsed(format);
        var keys = partitionKeys ?? [];
        foreach (var key in keys)
        {
            if (schema.TryIndexOf(key) < 0)
            {
                throw new ArgumentException($"partition key '{key}' is not in the schema '{schema}'", nameof(partitionKeys));
            }
        }

        if (keys.Count > 0 && keys.Distinct(StringComparer.Ordinal).Count() == schema.Count)
        {
            throw new ArgumentException($"partition keys [{string.Join(", ", keys)}] leave no columns to write in the files", nameof(partitionKeys));
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var name = Path.GetFileName(full);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"cannot save to the root '{path}'", nameof(path));
        var fileExists = File.Exists(full);
        if (mode == FileSaveMode.Error && (fileExists || Directory.Exists(full)))
        {
            throw new IOException($"cannot save to '{path}': it already exists (save mode error)");
        }

        if (mode == FileSaveMode.Append && fileExists)
        {
            throw new IOException($"cannot append to '{path}': it is a single file; append adds part files to a folder (overwrite it as a folder first)");
        }

        var folder = mode == FileSaveMode.Append || (!forceSingle && (keys.Count > 0 || partitions > 1));
        var runId = RunId();
        var plan = new Plan(schema, format, FileFormats.PartSuffix(full, format), codec,
            mode == FileSaveMode.Append ? "part-" + runId[..12] + "-" : "part-", cancellationToken);
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + name + ".tmp-" + runId);
        try
        {
            if (!folder)
            {
                WriteSingle(staging, batches, plan, IsGzip(full, format));
            }
            else
            {
                Directory.CreateDirectory(staging);
                if (keys.Count > 0 && !forceSingle)
                {
                    WriteHive(staging, batches, keys, maxParallelism, plan);
                }
                else
                {
                    WriteParts(staging, batches, forceSingle ? 1 : partitions, maxParallelism, plan);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (mode == FileSaveMode.Append)
            {
                SaveCommit.Append(staging, full);
            }
            else
            {
                SaveCommit.Replace(staging, full, runId, mode == FileSaveMode.Error, path);
            }
        }
        finally
        {
            SaveCommit.DeleteQuietly(staging);
        }
    }

    private static bool IsGzip(string full, FileFormat format) =>
        format is FileFormat.Csv or FileFormat.Json && full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static void WriteSingle(string file, IEnumerable<RecordBatch> batches, Plan plan, bool gzip)
    {
        using var writer = PartFileWriter.Create(file, plan.Schema, plan.Format, gzip, plan.Codec);
        foreach (var batch in batches)
        {
            plan.Token.ThrowIfCancellationRequested();
            writer.Write(BatchConversions.Check(batch, plan.Schema, "save"));
        }

        plan.Token.ThrowIfCancellationRequested();
        writer.Commit();
    }

    private static void WriteParts(string folder, IEnumerable<RecordBatch> batches, int parts, int maxParallelism, Plan plan)
    {
        var names = Enumerable.Range(0, parts)
            .Select(p => plan.Prefix + p.ToString("D5", CultureInfo.InvariantCulture) + plan.Suffix).ToArray();
        WriteRouted(folder, PartItems(batches, names, plan), names, plan.Schema, Math.Min(parts, maxParallelism), plan);
    }

    private static IEnumerable<(string File, RecordBatch Batch)> PartItems(IEnumerable<RecordBatch> batches, string[] names, Plan plan)
    {
        var next = 0;
        foreach (var batch in batches)
        {
            plan.Token.ThrowIfCancellationRequested();
            foreach (var (part, slice) in Split(BatchConversions.Check(batch, plan.Schema, "save"), names.Length, ref next))
            {
                yield return (names[part], slice);
            }
        }
    }

    private static void WriteHive(string folder, IEnumerable<RecordBatch> batches, IReadOnlyList<string> keys, int maxParallelism, Plan plan)
    {
        var keyIndices = keys.Select(plan.Schema.IndexOf).ToArray();
        var dataIndices = Enumerable.Range(0, plan.Schema.Count).Where(i => Array.IndexOf(keyIndices, i) < 0).ToArray();
        var dataSchema = new Schema(dataIndices.Select(i => plan.Schema[i]));
        WriteRouted(folder, HiveItems(batches, keys, keyIndices, dataIndices, dataSchema, plan), [], dataSchema, maxParallelism, plan);
    }

    private static IEnumerable<(string File, RecordBatch Batch)> HiveItems(
        IEnumerable<RecordBatch> batches, IReadOnlyList<string> keys, int[] keyIndices, int[] dataIndices, Schema dataSchema, Plan plan)
    {
        var fileName = plan.Prefix + "00000" + plan.Suffix;
        var parts = new string[keys.Count];

        // Folder names are formatted once per distinct key value, not per row.
        var names = keys.Select(_ => new Dictionary<object, string>()).ToArray();
        var nullNames = keys.Select(k => HivePartitioning.FolderName(k, null)).ToArray();
        foreach (var raw in batches)
        {
            plan.Token.ThrowIfCancellationRequested();
            var batch = BatchConversions.Check(raw, plan.Schema, "save");
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var order = new List<string>();
            var keyColumns = keyIndices.Select(batch.Column).ToArray();
            for (var r = 0; r < batch.Length; r++)
            {
                for (var k = 0; k < parts.Length; k++)
                {
                    var value = keyColumns[k].GetValue(r);
                    if (value is null)
                    {
                        parts[k] = nullNames[k];
                    }
                    else if (!names[k].TryGetValue(value, out parts[k]!))
                    {
                        names[k][value] = parts[k] = HivePartitioning.FolderName(keys[k], value);
                    }
                }

                var rel = string.Join(Path.DirectorySeparatorChar, parts);
                if (!groups.TryGetValue(rel, out var rows))
                {
                    groups[rel] = rows = [];
                    order.Add(rel);
                }

                rows.Add(r);
            }

            foreach (var rel in order)
            {
                yield return (Path.Combine(rel, fileName), Gather(batch, groups[rel], dataIndices, dataSchema));
            }
        }
    }

    /// <summary>
    /// Writes (file, batch) items into files under <paramref name="folder"/>: inline with one worker, else each file is
    /// owned by one of up to <paramref name="maxParallelism"/> threads (assigned round-robin on first sight), fed through
    /// bounded queues so memory stays bounded. <paramref name="eager"/> files are created even if they get no rows.
    /// </summary>
    private static void WriteRouted(
        string folder, IEnumerable<(string File, RecordBatch Batch)> items, IReadOnlyList<string> eager, Schema schema, int maxParallelism, Plan plan)
    {
        var gzip = plan.Suffix.EndsWith(".gz", StringComparison.Ordinal);
        PartFileWriter Open(string rel)
        {
            var path = Path.Combine(folder, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return PartFileWriter.Create(path, schema, plan.Format, gzip, plan.Codec);
        }

        var workers = Math.Max(1, maxParallelism);
        if (workers == 1)
        {
            var writers = new Dictionary<string, PartFileWriter>(StringComparer.Ordinal);
            try
            {
                foreach (var rel in eager)
                {
                    writers[rel] = Open(rel);
                }

                foreach (var (rel, batch) in items)
                {
                    if (!writers.TryGetValue(rel, out var writer))
                    {
                        writers[rel] = writer = Open(rel);
                    }

                    writer.Write(batch);
                }

                plan.Token.ThrowIfCancellationRequested();
                foreach (var w in writers.Values)
                {
                    w.Commit();
                }
            }
            finally
            {
                foreach (var w in writers.Values)
                {
                    w.Dispose();
                }
            }

            return;
        }

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(plan.Token);
        var queues = new BlockingCollection<(string File, RecordBatch Batch)>[workers];
        var tasks = new Task[workers];
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var nextOwner = 0;
        foreach (var rel in eager)
        {
            owner[rel] = nextOwner++ % workers;
        }

        for (var w = 0; w < workers; w++)
        {
            var queue = queues[w] = new BlockingCollection<(string, RecordBatch)>(QueueCapacity);
            var mineEager = eager.Where(rel => owner[rel] == w).ToArray();
            tasks[w] = Task.Factory.StartNew(
                () =>
                {
                    var mine = new Dictionary<string, PartFileWriter>(StringComparer.Ordinal);
                    try
                    {
                        foreach (var rel in mineEager)
                        {
                            mine[rel] = Open(rel);
                        }

                        foreach (var (rel, batch) in queue.GetConsumingEnumerable(failed.Token))
                        {
                            if (!mine.TryGetValue(rel, out var writer))
                            {
                                mine[rel] = writer = Open(rel);
                            }

                            writer.Write(batch);
                        }

                        failed.Token.ThrowIfCancellationRequested();
                        foreach (var writer in mine.Values)
                        {
                            writer.Commit();
                        }
                    }
                    catch
                    {
                        failed.Cancel();
                        throw;
                    }
                    finally
                    {
                        foreach (var writer in mine.Values)
                        {
                            writer.Dispose();
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        Exception? producerError = null;
        try
        {
            foreach (var (rel, batch) in items)
            {
                failed.Token.ThrowIfCancellationRequested();
                if (!owner.TryGetValue(rel, out var w))
                {
                    owner[rel] = w = nextOwner++ % workers;
                }

                queues[w].Add((rel, batch), failed.Token);
            }
        }
        catch (Exception ex)
        {
            producerError = ex;
            failed.Cancel();
        }
        finally
        {
            foreach (var q in queues)
            {
                q.CompleteAdding();
            }
        }

        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException ex)
        {
            // Report the root cause: a writer's error, else the producer's, else the cancellation.
            var root = ex.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException);
            if (root is not null && producerError is null or OperationCanceledException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(root).Throw();
            }
        }
        finally
        {
            foreach (var q in queues)
            {
                q.Dispose();
            }
        }

        if (producerError is not null)
        {
            plan.Token.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(producerError).Throw();
        }

        plan.Token.ThrowIfCancellationRequested();
    }

    private static List<(int Part, RecordBatch Slice)> Split(RecordBatch batch, int parts, ref int next)
    {
        var result = new List<(int, RecordBatch)>(Math.Min(parts, Math.Max(batch.Length, 1)));
        if (parts == 1 || batch.Length <= 1)
        {
            result.Add((next, batch));
            next = (next + 1) % parts;
            return result;
        }

        var count = Math.Min(parts, batch.Length);
        var size = (batch.Length + count - 1) / count;
        for (var offset = 0; offset < batch.Length; offset += size)
        {
            result.Add((next, batch.Slice(offset, Math.Min(size, batch.Length - offset))));
            next = (next + 1) % parts;
        }

        return result;
    }

    /// <summary>32 hex digits of a new GUID, formatted here: Guid.ToString's vectorized formatter is not precompiled.</summary>
    private static string RunId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        Span<char> chars = stackalloc char[32];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }

        return new string(chars);
    }

    private static RecordBatch Gather(RecordBatch batch, List<int> rows, int[] columns, Schema schema)
    {
        var contiguous = rows[^1] - rows[0] == rows.Count - 1;
        var result = new Column[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = batch.Column(columns[c]);
            if (contiguous)
            {
                result[c] = source.Slice(rows[0], rows.Count);
                continue;
            }

            var builder = ColumnBuilder.Create(source.Type, rows.Count);
            foreach (var r in rows)
            {
                builder.Append(source.GetValue(r));
            }

            result[c] = builder.Build();
        }

        return new RecordBatch(schema, result, rows.Count);
    }

    private sealed record Plan(Schema Schema, FileFormat Format, string Suffix, SaveCodec Codec, string Prefix, CancellationToken Token);
}
