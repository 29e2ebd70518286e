using System.Globalization;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.IO.Csv;
using Fugue.IO.Ipc;
using Fugue.IO.Json;
using Fugue.IO.Parquet;
using Fugue.Schemas;

namespace Fugue.IO.Files;

/// <summary>
/// Loads files as a lazy, replayable stream of batches (<see cref="IterableDataFrame"/>): files are opened one at a
/// time when the frame is read, so memory holds one batch per file being read, never the data set. The schema is
/// resolved eagerly from the first file (its metadata, CSV header, or an inference sample) and the Hive folders.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Paths: files, folders of part files, lists, globs (see <see cref="FilePaths"/>). The format is
/// <c>formatHint</c>, else the first path's suffix, else (for a folder) its first data file's suffix.</item>
/// <item>Hive folders (<c>key=value</c>) add the key columns after the file columns, typed long when every value
/// parses as long, else double when every value parses as double, else str (a requested schema's type wins).</item>
/// <item><c>columns</c> as names selects in that order (Parquet reads only those column chunks); as a schema it selects
/// and casts (CSV and JSON parse straight into the types).</item>
/// <item>CSV: <c>header</c> false (default) needs <c>columns</c>; <c>infer_schema</c> with a schema is an error;
/// without inference every column is str. Later files reuse the first file's resolved schema.</item>
/// <item><c>parallelism</c> (default 1): threads that decode one file. CSV parses chunks of lines in parallel;
/// Parquet decodes a window of row groups (about 256 MiB of columns) at a time, column chunks in parallel, so memory
/// stays bounded. JSON and Arrow files read on one thread. The native engine passes its degree of parallelism.</item>
/// </list>
/// </remarks>
public static class FileLoader
{
    /// <summary>Loads <paramref name="paths"/>, optionally selecting <paramref name="columns"/> by name (in that order).</summary>
    /// <exception cref="NotSupportedException">The format is not supported.</exception>
    /// <exception cref="ArgumentException">Conflicting options (CSV without header and without columns, ...).</exception>
    /// <exception cref="FileNotFoundException">A path does not exist or has no data files.</exception>
    public static IterableDataFrame Load(
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default) =>
        LoadCore(paths, formatHint, columns, null, options, cancellationToken);

    /// <summary>Loads <paramref name="paths"/>, selecting and casting to <paramref name="columnsSchema"/>.</summary>
    /// <exception cref="NotSupportedException">The format is not supported.</exception>
    /// <exception cref="ArgumentException">Conflicting options (CSV <c>infer_schema</c> with a schema, ...).</exception>
    /// <exception cref="FileNotFoundException">A path does not exist or has no data files.</exception>
    public static IterableDataFrame Load(
        IReadOnlyList<string> paths,
        string? formatHint,
        Schema columnsSchema,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columnsSchema);
        return LoadCore(paths, formatHint, columnsSchema.Names, columnsSchema, options, cancellationToken);
    }

    /// <summary>Loads one path (see <see cref="Load(IReadOnlyList{string}, string?, IReadOnlyList{string}?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>).</summary>
    public static IterableDataFrame Load(string path, string? formatHint = null, IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null, CancellationToken cancellationToken = default) =>
        Load([path], formatHint, columns, options, cancellationToken);

    /// <summary>The format of a load: the hint, else the first path's suffix, else the first data file's suffix in a folder.</summary>
    public static FileFormat DetectLoadFormat(IReadOnlyList<string> paths, string? formatHint)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("no paths to load", nameof(paths));
        }

        if (!string.IsNullOrWhiteSpace(formatHint) || FileFormats.TryFromSuffix(paths[0], out _) || !Directory.Exists(paths[0]))
        {
            return FileFormats.Detect(paths[0], formatHint);
        }

        foreach (var file in Directory.EnumerateFiles(paths[0], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!FilePaths.IsHidden(Path.GetFileName(file)) && FileFormats.TryFromSuffix(file, out var format))
            {
                return format;
            }
        }

        return FileFormats.Detect(paths[0], formatHint);
    }

    private static IterableDataFrame LoadCore(
        IReadOnlyList<string> paths, string? formatHint, IReadOnlyList<string>? columns, Schema? schema,
        IReadOnlyDictionary<string, object?>? options, CancellationToken cancellationToken)
    {
        var format = DetectLoadFormat(paths, formatHint);
        var files = FilePaths.Expand(paths, format);
        var codec = new CodecOptions(options);
        if (columns is not null && columns.Count == 0)
        {
            throw new ArgumentException("columns must not be empty", nameof(columns));
        }

        if (columns is not null && columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new ArgumentException($"columns [{string.Join(", ", columns)}] has duplicates", nameof(columns));
        }

        var keys = PartitionKeys(files, schema);
        var fileColumns = columns?.Where(c => keys.TryIndexOf(c) < 0).ToArray();
        var fileSchema = schema is null || fileColumns is null ? null : schema.Extract(fileColumns);
        var reader = FormatReader.Create(format, codec, fileColumns, fileSchema);
        codec.CheckAllUsed(format);

        // Resolve the file schema from the first file; later files (and replays) reuse it.
        var resolved = reader.Resolve(files[0].Path);
        var full = resolved + keys;
        var output = columns is null ? full : full.Extract(columns);
        var indices = new int[output.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = full.IndexOf(output[i].Name);
        }

        return IterableDataFrame.Replayable(() => ReadAll(files, reader, resolved, keys, output, indices, cancellationToken), output);
    }

    private static IEnumerable<RecordBatch> ReadAll(
        IReadOnlyList<DataFile> files, FormatReader reader, Schema resolved, Schema keys, Schema output,
        int[] indices, CancellationToken cancellationToken)
    {
        var identity = indices.Length == resolved.Count + keys.Count;
        for (var i = 0; identity && i < indices.Length; i++)
        {
            identity = indices[i] == i; // a loop, not LINQ over int: that would be JIT-compiled in the first load (not precompiled)
        }

        var full = resolved + keys;
        long row = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keyValues = KeyValues(file, keys);
            foreach (var raw in reader.Read(file.Path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = raw.Schema == resolved ? raw : Conform(raw, resolved, file.Path, row);
                if (keys.Count > 0)
                {
                    var columns = new Column[full.Count];
                    for (var c = 0; c < resolved.Count; c++)
                    {
                        columns[c] = batch.Column(c);
                    }

                    for (var k = 0; k < keys.Count; k++)
                    {
                        columns[resolved.Count + k] = Constant(keys[k].Type, keyValues[k], batch.Length);
                    }

                    batch = new RecordBatch(full, columns, batch.Length);
                }

                row += batch.Length;
                yield return identity ? batch : BatchConversions.Select(batch, indices, output);
            }
        }
    }

    private static RecordBatch Conform(RecordBatch batch, Schema resolved, string path, long row)
    {
        // A later file may order or type its columns differently: select by name, then cast.
        var indices = new int[resolved.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = batch.Schema.TryIndexOf(resolved[i].Name);
            if (indices[i] < 0)
            {
                throw new InvalidDataException($"'{path}' has no column '{resolved[i].Name}' (its schema is '{batch.Schema}', expected '{resolved}')");
            }
        }

        var selected = BatchConversions.Select(batch, indices, new Schema(resolved.Names.Select((n, i) => new Field(n, batch.Schema[indices[i]].Type))));
        return selected.Schema == resolved ? selected : BatchConversions.Alter(selected, resolved, row);
    }

    private static Column Constant(DataType type, object? value, int length)
    {
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    private static object?[] KeyValues(DataFile file, Schema keys)
    {
        var values = new object?[keys.Count];
        foreach (var (k, v) in file.Partitions)
        {
            var i = keys.TryIndexOf(k);
            if (i >= 0 && v is not null)
            {
                values[i] = ValueConverter.Convert(v, keys[i].Type);
            }
        }

        return values;
    }

    private static Schema PartitionKeys(IReadOnlyList<DataFile> files, Schema? requested)
    {
        var names = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (k, v) in file.Partitions)
            {
                if (!values.TryGetValue(k, out var list))
                {
                    values[k] = list = [];
                    names.Add(k);
                }

                if (v is not null)
                {
                    list.Add(v);
                }
            }
        }

        var fields = new List<Field>();
        foreach (var name in names)
        {
            var i = requested?.TryIndexOf(name) ?? -1;
            fields.Add(new Field(name, i >= 0 ? requested![i].Type : InferKeyType(values[name])));
        }

        return new Schema(fields);
    }

    private static DataType InferKeyType(List<string> values)
    {
        if (values.Count > 0 && values.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return DataType.Int64;
        }

        if (values.Count > 0 && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return DataType.Float64;
        }

        return DataType.String;
    }

    /// <summary>Opens files of one format with the options of one load.</summary>
    private abstract class FormatReader
    {
        protected FormatReader(IReadOnlyList<string>? columns, Schema? schema)
        {
            Columns = columns;
            Schema = schema;
        }

        protected IReadOnlyList<string>? Columns { get; }

        protected Schema? Schema { get; }

        public static FormatReader Create(FileFormat format, CodecOptions codec, IReadOnlyList<string>? columns, Schema? schema)
        {
            // Threads decoding one file (CSV chunks, Parquet row groups x columns); JSON and Arrow read on one thread.
            var parallelism = codec.ReadParallelism();
            return format switch
            {
                FileFormat.Csv => new CsvFormatReader(codec, columns, schema, parallelism),
                FileFormat.Json => new JsonFormatReader(codec, columns, schema),
                FileFormat.Parquet => new ParquetFormatReader(columns, schema, parallelism),
                _ => new ArrowFormatReader(columns, schema),
            };
        }

        /// <summary>Opens the first file and fixes the schema of every file (the file columns, before keys).</summary>
        public abstract Schema Resolve(string path);

        /// <summary>The batches of one file, in the resolved schema (or one <see cref="Conform"/> can fix).</summary>
        public abstract IEnumerable<RecordBatch> Read(string path);
    }

    private sealed class CsvFormatReader : FormatReader
    {
        private CsvReadOptions _options;

        public CsvFormatReader(CodecOptions codec, IReadOnlyList<string>? columns, Schema? schema, int parallelism) : base(columns, schema)
        {
            var o = codec.CsvRead() with { Parallelism = parallelism };
            if (o.InferSchema && schema is not null)
            {
                throw new ArgumentException("csv: infer_schema cannot be combined with a schema in columns (pass a list of names, or drop infer_schema)");
            }

            if (!o.Header && columns is null)
            {
                throw new ArgumentException("csv: header is false, so columns (a list of names or a schema) are required");
            }

            _options = (o.Header, schema) switch
            {
                (true, not null) => o with { Schema = schema },
                (true, null) => o with { Columns = columns },
                (false, not null) => o with { Schema = schema },
                _ => o with { Names = columns },
            };
        }

        public override Schema Resolve(string path)
        {
            using var reader = CsvReader.Open(path, _options);
            _options = _options with { InferSchema = false, Names = null, Columns = null, Schema = reader.Schema };
            return reader.Schema;
        }

        public override IEnumerable<RecordBatch> Read(string path)
        {
            using var reader = CsvReader.Open(path, _options);
            foreach (var batch in reader.ReadBatches())
            {
                yield return batch;
            }
        }
    }

    private sealed class JsonFormatReader : FormatReader
    {
        private JsonReadOptions _options;

        public JsonFormatReader(CodecOptions codec, IReadOnlyList<string>? columns, Schema? schema) : base(columns, schema)
        {
            var o = codec.BatchSize() is { } size ? new JsonReadOptions { BatchSize = size } : new JsonReadOptions();
            _options = schema is not null ? o with { Schema = schema } : o with { Columns = columns };
        }

        public override Schema Resolve(string path)
        {
            using var reader = JsonLinesReader.Open(path, _options);
            _options = _options with { Columns = null, Schema = reader.Schema };
            return reader.Schema;
        }

        public override IEnumerable<RecordBatch> Read(string path)
        {
            using var reader = JsonLinesReader.Open(path, _options);
            foreach (var batch in reader.ReadBatches())
            {
                yield return batch;
            }
        }
    }

    private sealed class ParquetFormatReader(IReadOnlyList<string>? columns, Schema? schema, int parallelism) : FormatReader(columns, schema)
    {
        public override Schema Resolve(string path)
        {
            using var reader = ParquetReader.Open(path);
            return Target(reader.Schema, path);
        }

        public override IEnumerable<RecordBatch> Read(string path)
        {
            using var reader = ParquetReader.Open(path);
            var target = Target(reader.Schema, path);
            long row = 0;
            var batches = parallelism > 1 ? reader.ReadRowGroupsInParallel(Columns, parallelism: parallelism) : reader.ReadRowGroups(Columns);
            foreach (var batch in batches)
            {
                var b = Columns is null || batch.Schema.Names.SequenceEqual(Columns) ? batch : Project(batch, Columns, path);
                yield return b.Schema == target ? b : BatchConversions.Alter(b, target, row);
                row += b.Length;
            }
        }

        private Schema Target(Schema file, string path)
        {
            var selected = Columns is null ? file : new Schema(Columns.Select(c => file.TryIndexOf(c) is var i and >= 0
                ? file[i]
                : throw new InvalidDataException($"'{path}' has no column '{c}' (its schema is '{file}')")));
            return Schema is null ? selected : new Schema(selected.Fields.Select(f => Schema.TryIndexOf(f.Name) is var i and >= 0 ? Schema[i] : f));
        }
    }

    private sealed class ArrowFormatReader(IReadOnlyList<string>? columns, Schema? schema) : FormatReader(columns, schema)
    {
        public override Schema Resolve(string path)
        {
            using var reader = new ArrowFileReader(File.OpenRead(path));
            var file = reader.Schema;
            var selected = Columns is null ? file : new Schema(Columns.Select(c => file.TryIndexOf(c) is var i and >= 0
                ? file[i]
                : throw new InvalidDataException($"'{path}' has no column '{c}' (its schema is '{file}')")));
            return Schema is null ? selected : new Schema(selected.Fields.Select(f => Schema.TryIndexOf(f.Name) is var i and >= 0 ? Schema[i] : f));
        }

        public override IEnumerable<RecordBatch> Read(string path)
        {
            using var reader = new ArrowFileReader(File.OpenRead(path));
            foreach (var batch in reader.ReadAll())
            {
                yield return Columns is null ? batch : Project(batch, Columns, path);
            }
        }
    }

    private static RecordBatch Project(RecordBatch batch, IReadOnlyList<string> columns, string path)
    {
        var indices = columns.Select(c => batch.Schema.TryIndexOf(c) is var i and >= 0
            ? i
            : throw new InvalidDataException($"'{path}' has no column '{c}' (its schema is '{batch.Schema}')")).ToArray();
        return BatchConversions.Select(batch, indices, new Schema(indices.Select(i => batch.Schema[i])));
    }
}
