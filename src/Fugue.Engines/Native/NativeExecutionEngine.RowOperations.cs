using System.Collections;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Execution;
using Fugue.Native.Kernels;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Native;

public sealed partial class NativeExecutionEngine
{
    /// <inheritdoc />
    /// <remarks>NaN counts as null. <paramref name="subset"/> names must exist.</remarks>
    /// <exception cref="ArgumentException">A subset column is missing, the subset is empty, or <paramref name="thresh"/> is negative.</exception>
    public override DataFrame DropNa(DataFrame df, DropNaHow how = DropNaHow.Any, int? thresh = null, IReadOnlyList<string>? subset = null)
    {
        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        var cols = ResolveSubset(a.Schema, subset, "dropna");
        if (thresh < 0)
        {
            throw new ArgumentException($"dropna thresh must be >= 0, got {thresh}", nameof(thresh));
        }

        // Row by row decisions: stream batch by batch, memory is one batch at a time.
        return IterableDataFrame.Replayable(() => a.AsBatches().Select(batch =>
        {
            var keys = new RowKeys(batch, cols);
            var keep = new List<int>();
            for (var i = 0; i < batch.Length; i++)
            {
                var nonNull = cols.Length - keys.NullCount(i);
                var ok = thresh is { } t ? nonNull >= t : how == DropNaHow.Any ? nonNull == cols.Length : nonNull > 0;
                if (ok)
                {
                    keep.Add(i);
                }
            }

            return keep.Count == batch.Length ? batch : ColumnKernels.Take(batch, keep.ToArray());
        }), a.Schema);
    }

    /// <inheritdoc />
    /// <remarks>NaN counts as null. The value is converted to each filled column's type (a conversion error names the column).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a list, or a subset column is missing.</exception>
    public override DataFrame FillNa(DataFrame df, object value, IReadOnlyList<string>? subset = null)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "fillna needs a value to fill nulls with");
        }

        if (value is IEnumerable and not string and not byte[])
        {
            throw new ArgumentException($"fillna takes a single value (or a column-to-value dictionary), got a {value.GetType().Name}", nameof(value));
        }

        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        var cols = ResolveSubset(a.Schema, subset, "fillna");
        return FillCore(a, cols.ToDictionary(c => c, _ => value));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Unlike Fugue, whose check <c>any(values)</c> rejects a dictionary whose values are all falsy, <c>{"a": 0}</c> is
    /// accepted and fills with 0.
    /// </remarks>
    /// <exception cref="ArgumentException">The dictionary is empty, holds a null value or a list, or names a missing column.</exception>
    public override DataFrame FillNa(DataFrame df, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        if (values.Count == 0)
        {
            throw new ArgumentException("fillna needs at least one column to fill", nameof(values));
        }

        var fill = new Dictionary<int, object>();
        foreach (var (name, v) in values)
        {
            if (v is null)
            {
                throw new ArgumentException($"fillna value for column '{name}' is null", nameof(values));
            }

            if (v is IEnumerable and not string and not byte[])
            {
                throw new ArgumentException($"fillna value for column '{name}' is a {v.GetType().Name}, not a single value", nameof(values));
            }

            var i = a.Schema.TryIndexOf(name);
            if (i < 0)
            {
                throw new ArgumentException($"fillna column '{name}' is not in schema '{a.Schema}'", nameof(values));
            }

            fill[i] = v;
        }

        return FillCore(a, fill);
    }

    private static DataFrame FillCore(DataFrame a, Dictionary<int, object> fill)
    {
        // Convert eagerly: a value that cannot become the column type is an argument error now, not at the first read.
        var converted = new Dictionary<int, object?>();
        foreach (var (c, v) in fill)
        {
            try
            {
                converted[c] = ValueConverter.Convert(v, a.Schema[c].Type);
            }
            catch (FugueValueConversionException ex)
            {
                throw new ArgumentException($"cannot fill column '{a.Schema[c].Name}' ({a.Schema[c].Type}) with {ValueConverter.Describe(v)}: {ex.Reason}", ex);
            }
        }

        // Value by value: stream batch by batch.
        return IterableDataFrame.Replayable(() => a.AsBatches().Select(batch =>
        {
            var columns = batch.Columns.ToArray();
            foreach (var (c, v) in converted)
            {
                var source = columns[c];
                var key = KeyColumn.Create(source);
                var builder = ColumnBuilder.Create(source.Type, source.Length);
                var copier = RowCopier.Create(source, builder);
                for (var i = 0; i < source.Length; i++)
                {
                    if (key.IsNull(i))
                    {
                        builder.Append(v);
                    }
                    else
                    {
                        copier.Copy(i);
                    }
                }

                columns[c] = builder.Build();
            }

            return new RecordBatch(a.Schema, columns, batch.Length);
        }), a.Schema);
    }

    /// <summary>
    /// Samples exactly <paramref name="n"/> rows, or <c>round(frac * count)</c> rows, with or without replacement. The same
    /// <paramref name="seed"/> on the same data gives the same rows; without a seed the sample is random. Sampled rows keep
    /// their input order.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly one of <paramref name="n"/> and <paramref name="frac"/>, a negative one,
    /// or more rows than the frame has without replacement.</exception>
    public override DataFrame Sample(DataFrame df, int? n = null, double? frac = null, bool replace = false, int? seed = null)
    {
        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        if (n.HasValue == frac.HasValue)
        {
            throw new ArgumentException("sample needs exactly one of n and frac");
        }

        if (n < 0 || frac < 0 || (frac is { } f && double.IsNaN(f)))
        {
            throw new ArgumentException($"sample n and frac must be >= 0, got n={n}, frac={frac}");
        }

        return NativeFrames.Lazy(a.Schema, () =>
        {
            var batch = NativeFrames.Materialize(a);
            var count = batch.Length;
            var k = n ?? (int)Math.Round(frac!.Value * count, MidpointRounding.ToEven);
            if (!replace && k > count)
            {
                throw new ArgumentException($"cannot sample {k} rows from {count} without replacement");
            }

            var random = seed is { } s ? new Random(s) : new Random();
            int[] picks;
            if (replace)
            {
                picks = new int[count == 0 ? 0 : k];
                for (var i = 0; i < picks.Length; i++)
                {
                    picks[i] = random.Next(count);
                }
            }
            else
            {
                // Partial Fisher-Yates: the first k slots become a uniform sample without replacement.
                var all = new int[count];
                for (var i = 0; i < count; i++)
                {
                    all[i] = i;
                }

                for (var i = 0; i < k; i++)
                {
                    var j = random.Next(i, count);
                    (all[i], all[j]) = (all[j], all[i]);
                }

                picks = all[..k];
            }

            Array.Sort(picks);
            return [ColumnKernels.Take(batch, picks)];
        });
    }

    /// <summary>
    /// The first <paramref name="n"/> rows, or the first <paramref name="n"/> of each group of equal partition keys (null keys
    /// are a group; groups come in key order) after sorting by <paramref name="presort"/>, which overrides the spec's presort.
    /// Nulls go where <paramref name="nullPosition"/> says, whatever the direction. Without any presort the input order is kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="FuguePartitionSpecException"><paramref name="presort"/> is malformed.</exception>
    /// <exception cref="KeyNotFoundException">A key or presort column is missing.</exception>
    public override DataFrame Take(DataFrame df, int n, string? presort = null, NullPosition nullPosition = NullPosition.Last, PartitionSpec? partitionSpec = null)
    {
        var a = ToDf(df ?? throw new ArgumentNullException(nameof(df)));
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var spec = partitionSpec ?? PartitionSpec.Empty;
        var sorts = string.IsNullOrWhiteSpace(presort) ? spec.Presort : new PartitionSpec(presort: presort).Presort;
        var keyIndex = spec.GetKeySchema(a.Schema).Names.Select(a.Schema.IndexOf).ToArray();
        var nullsFirst = nullPosition == NullPosition.First;
        var sortKeys = keyIndex.Select(k => new SortKey(k, true, false))
            .Concat(sorts.Select(s => new SortKey(RequireColumn(a.Schema, s.Name), s.Ascending, nullsFirst)))
            .ToArray();
        if (sortKeys.Length == 0)
        {
            // No sort and no groups: the first n rows, reading no further than needed.
            return IterableDataFrame.Replayable(() => Head(a, n), a.Schema);
        }

        return NativeFrames.Lazy(a.Schema, () =>
        {
            var batch = NativeFrames.Materialize(a);
            var perm = RowSorter.Sort(batch, sortKeys);
            var sorted = ColumnKernels.Take(batch, perm);
            if (keyIndex.Length == 0)
            {
                return [sorted.Slice(0, Math.Min(n, sorted.Length))];
            }

            var bounds = Grouping.Boundaries(new RowKeys(sorted, keyIndex));
            var keep = new List<int>();
            for (var g = 0; g + 1 < bounds.Length; g++)
            {
                for (var i = bounds[g]; i < Math.Min(bounds[g + 1], bounds[g] + n); i++)
                {
                    keep.Add(i);
                }
            }

            return [ColumnKernels.Take(sorted, keep.ToArray())];
        });
    }

    private static IEnumerable<RecordBatch> Head(DataFrame df, int n)
    {
        var left = n;
        if (left == 0)
        {
            yield break;
        }

        foreach (var b in df.AsBatches())
        {
            var take = Math.Min(left, b.Length);
            yield return b.Slice(0, take);
            left -= take;
            if (left == 0)
            {
                yield break;
            }
        }
    }

    private static int RequireColumn(Schema schema, string name)
    {
        var i = schema.TryIndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"presort column '{name}' is not in schema '{schema}'");
    }

    private static int[] ResolveSubset(Schema schema, IReadOnlyList<string>? subset, string op)
    {
        if (subset is null)
        {
            return Enumerable.Range(0, schema.Count).ToArray();
        }

        if (subset.Count == 0)
        {
            throw new ArgumentException($"{op} subset is empty; pass null for all columns", nameof(subset));
        }

        return subset.Select(name =>
        {
            var i = schema.TryIndexOf(name);
            return i >= 0 ? i : throw new ArgumentException($"{op} subset column '{name}' is not in schema '{schema}'", nameof(subset));
        }).ToArray();
    }
}
