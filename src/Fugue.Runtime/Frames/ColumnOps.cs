using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>Validation and schema arithmetic behind the column operations, raising <see cref="FugueDataFrameOperationException"/>.</summary>
internal static class ColumnOps
{
    /// <summary>The source indices of <paramref name="columns"/> (in argument order).</summary>
    public static int[] ResolveSelect(Schema schema, IReadOnlyList<string> columns, string operation)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new FugueDataFrameOperationException($"{operation}: at least one column is required (schema '{schema}')");
        }

        var indices = new int[columns.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string>? missing = null;
        for (var i = 0; i < indices.Length; i++)
        {
            var name = columns[i] ?? throw new FugueDataFrameOperationException($"{operation}: column name {i} is null");
            if (!seen.Add(name))
            {
                throw new FugueDataFrameOperationException($"{operation}: column '{name}' is listed twice");
            }

            indices[i] = schema.TryIndexOf(name);
            if (indices[i] < 0)
            {
                (missing ??= []).Add(name);
            }
        }

        return missing is null
            ? indices
            : throw new FugueDataFrameOperationException($"{operation}: {Quote(missing)} not in schema '{schema}'");
    }

    /// <summary>True when the indices are 0..n-1 of an n-column schema (the projection is the identity).</summary>
    public static bool IsIdentity(int[] indices, int width)
    {
        if (indices.Length != width)
        {
            return false;
        }

        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The schema made of the fields at <paramref name="indices"/>.</summary>
    public static Schema Project(Schema schema, int[] indices)
    {
        var fields = new Field[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            fields[i] = schema[indices[i]];
        }

        return new Schema(fields);
    }

    /// <summary>The indices left after dropping <paramref name="columns"/>.</summary>
    public static int[] ResolveDrop(Schema schema, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var drop = new HashSet<string>(StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var name in columns)
        {
            if (name is null || !schema.Contains(name))
            {
                (missing ??= []).Add(name ?? "<null>");
            }

            drop.Add(name ?? string.Empty);
        }

        if (missing is not null)
        {
            throw new FugueDataFrameOperationException($"drop columns: {Quote(missing)} not in schema '{schema}'");
        }

        var keep = new List<int>(schema.Count);
        for (var i = 0; i < schema.Count; i++)
        {
            if (!drop.Contains(schema[i].Name))
            {
                keep.Add(i);
            }
        }

        return keep.Count == 0
            ? throw new FugueDataFrameOperationException($"drop columns: cannot drop every column of schema '{schema}'")
            : keep.ToArray();
    }

    /// <summary>The schema with columns renamed (old names must exist, the result must have unique names).</summary>
    public static Schema Rename(Schema schema, IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        List<string>? missing = null;
        foreach (var kv in columns)
        {
            if (!schema.Contains(kv.Key))
            {
                (missing ??= []).Add(kv.Key);
            }

            if (kv.Value is null)
            {
                throw new FugueDataFrameOperationException($"rename: the new name of column '{kv.Key}' is null");
            }
        }

        if (missing is not null)
        {
            throw new FugueDataFrameOperationException($"rename: {Quote(missing)} not in schema '{schema}'");
        }

        var fields = new Field[schema.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var f = schema[i];
            fields[i] = columns.TryGetValue(f.Name, out var to) ? f.WithName(to) : f;
        }

        try
        {
            return new Schema(fields);
        }
        catch (FugueSchemaException ex)
        {
            throw new FugueDataFrameOperationException($"rename: the result is not a valid schema: {ex.Message}", ex);
        }
    }

    /// <summary>The schema with the types of the named columns replaced in place.</summary>
    public static Schema Alter(Schema schema, Schema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var fields = schema.Fields.ToArray();
        List<string>? missing = null;
        foreach (var f in columns)
        {
            var i = schema.TryIndexOf(f.Name);
            if (i < 0)
            {
                (missing ??= []).Add(f.Name);
            }
            else
            {
                fields[i] = f;
            }
        }

        return missing is null
            ? new Schema(fields)
            : throw new FugueDataFrameOperationException($"alter columns: {Quote(missing)} not in schema '{schema}'");
    }

    private static string Quote(List<string> names) =>
        names.Count == 1 ? $"column '{names[0]}' is" : "columns " + string.Join(", ", names.Select(n => $"'{n}'")) + " are";
}
