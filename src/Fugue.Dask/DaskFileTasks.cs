using System.Text.Json.Nodes;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.IO.Files;
using Fugue.IO.Parquet;
using Fugue.Native.Kernels;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// The executor's side of LoadDf and SaveDf: a <c>load</c> stage reads one file (or a range of a Parquet file's row
/// groups) by path, so a partition lost with its worker is recomputed by reading the file again; a <c>save</c> stage
/// writes its partition as one part file through <see cref="FileSaver"/> (staged and renamed into place, so a retried
/// or recomputed task replaces its file whole). The driver publishes the staged folder (<see cref="DaskSaveCommit"/>).
/// </summary>
internal static class DaskFileTasks
{
    /// <summary>The rows of one load task in the output schema (file columns, then the Hive key values as constants).</summary>
    public static DataFrame Load(JsonObject s)
    {
        var path = (string)s["path"]!;
        var format = (string)s["format"]!;
        var fileSchema = Schema.Parse((string)s["fileSchema"]!);
        var output = Schema.Parse((string)s["output"]!);
        List<RecordBatch> batches;
        if (s["rowGroups"] is JsonArray range)
        {
            batches = ReadRowGroups(path, fileSchema, (int)range[0]!, (int)range[1]!);
        }
        else
        {
            var options = DecodeOptions(s["options"]);
            var loaded = FileLoader.Load([path], format, fileSchema, options);
            batches = [ColumnKernels.Concat(loaded.Schema, loaded.AsBatches().ToList())];
        }

        var keys = s["keys"]?.AsObject() ?? [];
        if (keys.Count == 0 && output == fileSchema)
        {
            return new ColumnarDataFrame(output, batches);
        }

        return new ColumnarDataFrame(output, batches.Select(batch =>
        {
            var columns = new Column[output.Count];
            for (var c = 0; c < output.Count; c++)
            {
                var name = output[c].Name;
                var i = fileSchema.TryIndexOf(name);
                columns[c] = i >= 0 ? batch.Column(i) : Constant(output[c].Type, (string?)keys[name], batch.Length);
            }

            return new RecordBatch(output, columns, batch.Length);
        }).ToList());
    }

    /// <summary>Writes the partition to the stage's target (one file, or Hive folders under it) and returns no rows.</summary>
    public static DataFrame Save(DataFrame df, JsonObject s)
    {
        var keys = DaskJson.ToStrings(s["keys"]) ?? [];
        FileSaver.Save(
            df,
            (string)s["target"]!,
            (string)s["format"]!,
            FileSaveMode.Overwrite,
            keys,
            partitions: 1,
            forceSingle: keys.Length == 0,
            options: DecodeOptions(s["options"]),
            maxParallelism: 1);
        return new EmptyDataFrame(df.Schema);
    }

    /// <summary>Codec options as the driver encoded them (<see cref="DelegateShipping.EncodeValue"/>).</summary>
    public static Dictionary<string, object?>? DecodeOptions(JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => DelegateShipping.DecodeValue(kv.Value!.AsObject())) : null;

    /// <summary>
    /// The row groups as they are (one batch each: concatenating them would copy the partition once more before it is
    /// encoded anyway); a file whose types differ from the first file's is cast to the load's schema, as the native
    /// loader does.
    /// </summary>
    private static List<RecordBatch> ReadRowGroups(string path, Schema fileSchema, int from, int to)
    {
        using var reader = ParquetReader.Open(path);
        var batches = new List<RecordBatch>(to - from);
        foreach (var field in fileSchema.Fields)
        {
            if (reader.Schema.TryIndexOf(field.Name) < 0)
            {
                throw new InvalidDataException($"'{path}' has no column '{field.Name}' (its schema is '{reader.Schema}')");
            }
        }

        for (var g = from; g < to; g++)
        {
            batches.Add(reader.ReadRowGroup(g, fileSchema.Names));
        }

        if (batches.Count == 0)
        {
            return [RecordBatch.Empty(fileSchema)];
        }

        return batches[0].Schema == fileSchema ? batches : new ColumnarDataFrame(batches[0].Schema, batches).AlterColumns(fileSchema).AsBatches().ToList();
    }

    private static Column Constant(DataType type, string? text, int length)
    {
        var value = text is null ? null : ValueConverter.Convert(text, type);
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(value);
        }

        return builder.Build();
    }
}
