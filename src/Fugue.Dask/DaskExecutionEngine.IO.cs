using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.IO.Parquet;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask;

// LoadDf / SaveDf on the workers: every loaded partition is a task that reads its file (or a range of a Parquet file's
// row groups) by path, so it has lineage and is recomputed by re-reading; a save writes one part file per partition on
// the workers into a hidden staging folder that the driver publishes with the native save's atomic-commit rules.
public sealed partial class DaskExecutionEngine
{
    /// <summary>Conf: the most rows one load task reads from Parquet (whole row groups; default 1,000,000).</summary>
    public const string LoadPartitionRowsKey = "fugue.dask.load.partition_rows";

    /// <summary>
    /// Loads files as <see cref="ExecutionEngine.LoadDf(IReadOnlyList{string}, string?, IReadOnlyList{string}?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>
    /// describes, in parallel on the workers: one task per file (Parquet files are cut into ranges of row groups, at
    /// most <see cref="LoadPartitionRowsKey"/> rows each, and into at least the default partitions). The driver only
    /// resolves the schema (the first file's metadata or header). Files must be reachable by the same path from
    /// every worker (shared storage).
    /// </summary>
    public override DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        LoadCore(paths, formatHint, columns, null, options, cancellationToken)
        ?? base.LoadDf(paths, formatHint, columns, options, cancellationToken);

    /// <summary>Loads files selecting and casting to <paramref name="columnsSchema"/>, in parallel on the workers (see the list overload).</summary>
    public override DataFrame LoadDf(
        IReadOnlyList<string> paths,
        string? formatHint,
        Schema columnsSchema,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columnsSchema);
        return LoadCore(paths, formatHint, columnsSchema.Names, columnsSchema, options, cancellationToken)
            ?? base.LoadDf(paths, formatHint, columnsSchema, options, cancellationToken);
    }

    /// <summary>The load as tasks, or null when only Hive key columns are selected (read in the driver, then scattered).</summary>
    private DaskDataFrame? LoadCore(
        IReadOnlyList<string> paths, string? formatHint, IReadOnlyList<string>? columns, Schema? schema,
        IReadOnlyDictionary<string, object?>? options, CancellationToken cancellationToken)
    {
        // the native loader validates the arguments and resolves the schema (reads the first file's metadata only)
        var probe = schema is null
            ? FileLoader.Load(paths, formatHint, columns, options, cancellationToken)
            : FileLoader.Load(paths, formatHint, schema, options, cancellationToken);
        var output = probe.Schema;
        var format = FileLoader.DetectLoadFormat(paths, formatHint);
        var files = FilePaths.Expand(paths, format);
        var keyNames = files.SelectMany(f => f.Partitions.Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        var fileSchema = new Schema(output.Fields.Where(f => !keyNames.Contains(f.Name)));
        if (fileSchema.Count == 0)
        {
            return null;
        }

        // the tasks get the resolved schema, so CSV inference happens once (on the first file), as on the native engine
        var taskOptions = new JsonObject();
        foreach (var (k, v) in options ?? new Dictionary<string, object?>())
        {
            if (!string.Equals(k, "infer_schema", StringComparison.OrdinalIgnoreCase))
            {
                taskOptions[k] = DelegateShipping.EncodeValue(v, "load option " + k);
            }
        }

        var formatName = format.ToString().ToLowerInvariant();
        var parts = new List<DaskPart>();
        var (splits, bytes) = LoadSplits(files, format, output);
        foreach (var (file, range) in splits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = new JsonObject();
            foreach (var (k, v) in file.Partitions)
            {
                keys[k] = v;
            }

            var stage = Stage("load");
            stage["path"] = file.Path;
            stage["format"] = formatName;
            stage["fileSchema"] = fileSchema.ToString();
            stage["output"] = output.ToString();
            stage["options"] = taskOptions.DeepClone();
            stage["keys"] = keys;
            stage["rowGroups"] = range is { } r ? new JsonArray(r.From, r.To) : null;
            parts.Add(new DaskPart([], [], [], [stage]));
        }

        return new DaskDataFrame(this, output, parts, ImmutableDictionary<string, DaskTask>.Empty) { EstimatedBytes = bytes };
    }

    /// <summary>
    /// One split per file; Parquet files cut into ranges of whole row groups. Also an estimate of the loaded size: for
    /// Parquet the larger of the row groups' uncompressed sizes and the rows times a row's width in Arrow (dictionary
    /// encoding makes the former small), otherwise the files' sizes.
    /// </summary>
    private (List<(DataFile File, (int From, int To)? Range)> Splits, long? Bytes) LoadSplits(IReadOnlyList<DataFile> files, FileFormat format, Schema output)
    {
        var result = new List<(DataFile, (int, int)?)>();
        if (format != FileFormat.Parquet)
        {
            result.AddRange(files.Select(f => (f, ((int, int)?)null)));
            long? size = 0;
            foreach (var f in files)
            {
                size = File.Exists(f.Path) ? size + new FileInfo(f.Path).Length : null;
            }

            return (result, size);
        }

        var groups = new List<long[]>();
        long uncompressed = 0;
        foreach (var f in files)
        {
            using var reader = ParquetReader.Open(f.Path);
            groups.Add(reader.Metadata.RowGroups.Select(g => g.NumRows).ToArray());
            uncompressed += reader.Metadata.RowGroups.Sum(g => g.TotalByteSize);
        }

        var total = groups.Sum(g => g.Sum());
        var most = Conf.Get(LoadPartitionRowsKey, 1_000_000L);
        var target = Math.Max(1, Math.Min(most, (total + _defaultPartitions - 1) / _defaultPartitions));
        for (var i = 0; i < files.Count; i++)
        {
            var g = groups[i];
            if (g.Length <= 1)
            {
                result.Add((files[i], (0, g.Length)));
                continue;
            }

            var start = 0;
            long rows = 0;
            for (var j = 0; j < g.Length; j++)
            {
                rows += g[j];
                if (rows >= target || j == g.Length - 1)
                {
                    result.Add((files[i], (start, j + 1)));
                    start = j + 1;
                    rows = 0;
                }
            }
        }

        var rowWidth = output.Types.Sum(t => t.IsFixedWidth ? Math.Max(1, t.ByteWidth) : 8L);
        return (result, Math.Max(uncompressed, total * rowWidth));
    }

    /// <summary>
    /// Saves as <see cref="ExecutionEngine.SaveDf"/> describes (the same layout and modes as the native engine), with
    /// the files written on the workers: one file by default (the frame coalesced into one task), part files of the
    /// frame's partitions rebalanced into <c>num</c> when the spec has one (or one per partition when appending), Hive
    /// folders from a shuffle by the keys (one file per folder). Every task writes into a hidden staging folder next to
    /// the target; the driver publishes it only when all succeeded, so a failed save (a task error, a lost worker that
    /// cannot be recovered, a cancellation) leaves the previous data intact and nothing half-written under the target.
    /// The target must be on storage every worker and the driver share.
    /// </summary>
    public override void SaveDf(
        DataFrame df,
        string path,
        string? formatHint = null,
        SaveMode mode = SaveMode.Overwrite,
        PartitionSpec? partitionSpec = null,
        bool forceSingle = false,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var d = Dask(df);
        var format = FileFormats.Detect(path, formatHint);
        var spec = partitionSpec ?? PartitionSpec.Empty;
        var keys = spec.PartitionBy;
        foreach (var key in keys)
        {
            if (d.Schema.TryIndexOf(key) < 0)
            {
                throw new ArgumentException($"partition key '{key}' is not in the schema '{d.Schema}'", nameof(partitionSpec));
            }
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var name = Path.GetFileName(full);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"cannot save to the root '{path}'", nameof(path));
        if (mode == SaveMode.Error && (File.Exists(full) || Directory.Exists(full)))
        {
            throw new IOException($"cannot save to '{path}': it already exists (save mode error)");
        }

        if (mode == SaveMode.Append && File.Exists(full))
        {
            throw new IOException($"cannot append to '{path}': it is a single file; append adds part files to a folder (overwrite it as a folder first)");
        }

        var parts = forceSingle || spec.NumPartitionsExpression.Text is "" or "0"
            ? 1
            : Math.Max(1, spec.GetNumPartitions(() => d.Count(), () => _threads));
        var hive = keys.Count > 0 && !forceSingle;
        var folder = mode == SaveMode.Append || hive || (!forceSingle && parts > 1);
        var runId = Guid.NewGuid().ToString("N");
        var prefix = mode == SaveMode.Append ? "part-" + runId[..12] + "-" : "part-";
        var suffix = FileFormats.PartSuffix(full, format);
        var staging = Path.Combine(parent, "." + name + ".tmp-" + runId);
        Directory.CreateDirectory(staging);
        try
        {
            var formatName = format.ToString().ToLowerInvariant();
            var encoded = new JsonObject();
            foreach (var (k, v) in options ?? new Dictionary<string, object?>())
            {
                encoded[k] = DelegateShipping.EncodeValue(v, "save option " + k);
            }

            JsonObject SaveStage(string target, IReadOnlyList<string>? hiveKeys)
            {
                var s = Stage("save");
                s["target"] = target;
                s["format"] = formatName;
                s["keys"] = hiveKeys is null ? null : DaskJson.Strings(hiveKeys);
                s["options"] = encoded.DeepClone();
                return s;
            }

            DaskDataFrame source;
            List<string> targets;
            if (!folder)
            {
                source = Coalesce(d);
                targets = [Path.Combine(staging, name)];
            }
            else if (hive)
            {
                source = Shuffle(d, keys, parts > 1 ? parts : _defaultPartitions);
                targets = [.. Enumerable.Range(0, source.Parts.Count).Select(i => Path.Combine(staging, ".bucket-" + i.ToString("D5", CultureInfo.InvariantCulture)))];
            }
            else
            {
                source = Rebalance(d, parts > 1 ? parts : d.Parts.Count);
                targets = [.. Enumerable.Range(0, source.Parts.Count).Select(i => Path.Combine(staging, prefix + i.ToString("D5", CultureInfo.InvariantCulture) + suffix))];
            }

            var tasks = source.Tasks.ToBuilder();
            var refs = source.Parts.Select((p, i) => Materialize(p, tasks, SaveStage(targets[i], hive ? keys : null))).ToList();
            cancellationToken.ThrowIfCancellationRequested();
            Run(tasks.ToImmutable(), refs, persist: false, out _);
            cancellationToken.ThrowIfCancellationRequested();
            if (hive)
            {
                foreach (var bucket in targets.Where(Directory.Exists))
                {
                    DaskSaveCommit.Merge(bucket, staging, "part-", prefix);
                }
            }

            DaskSaveCommit.DropHidden(staging);
            if (!folder)
            {
                Fugue.IO.Files.SaveCommit.Replace(targets[0], full, runId, mode == SaveMode.Error, path);
            }
            else if (mode == SaveMode.Append)
            {
                Fugue.IO.Files.SaveCommit.Append(staging, full);
            }
            else
            {
                Fugue.IO.Files.SaveCommit.Replace(staging, full, runId, mode == SaveMode.Error, path);
            }
        }
        finally
        {
            Fugue.IO.Files.SaveCommit.DeleteQuietly(staging);
        }
    }

    /// <summary>The frame in <paramref name="n"/> partitions without a single-task bottleneck: each partition is cut into n chunks and bucket j gathers chunk j of every partition.</summary>
    internal DaskDataFrame Rebalance(DaskDataFrame df, int n)
    {
        if (df.Parts.Count == n)
        {
            return df;
        }

        var tasks = df.Tasks.ToBuilder();
        var refs = Enumerable.Range(0, n).Select(_ => new List<string>()).ToList();
        foreach (var part in df.Parts)
        {
            if (n == 1)
            {
                refs[0].Add(Materialize(part, tasks));
                continue;
            }

            var chunk = Stage("chunk");
            chunk["n"] = n;
            var key = Materialize(part, tasks, chunk);
            for (var b = 0; b < n; b++)
            {
                refs[b].Add(key + "#" + b.ToString(CultureInfo.InvariantCulture));
            }
        }

        return new DaskDataFrame(this, df.Schema, refs.Select(r => new DaskPart([.. r], [r.Count], [df.Schema], [])).ToList(), tasks.ToImmutable());
    }
}
