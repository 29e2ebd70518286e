using System.Globalization;
using System.Text;
using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// Compares frames the way Fugue's test helper <c>df_eq</c> does: both sides are made local and bounded, then the
/// schema, the row count and the content are checked. Content comparison ignores row order unless asked, treats
/// null and NaN as equal, compares floating values with an absolute tolerance and nested values structurally.
/// Numbers of different .NET types compare by value (the schema check is where types are enforced).
/// </summary>
public static class DataFrameEquality
{
    /// <summary>True when the frames are equal under <paramref name="options"/>.</summary>
    public static bool AreEqual(DataFrame actual, DataFrame expected, DataFrameEqualityOptions? options = null) =>
        Explain(actual, expected, options) is null;

    /// <summary>True when the frame equals <paramref name="expectedRows"/> of <paramref name="expectedSchema"/> (converted like an <see cref="ArrayDataFrame"/>).</summary>
    public static bool AreEqual(DataFrame actual, IEnumerable<IReadOnlyList<object?>> expectedRows, Schema expectedSchema, DataFrameEqualityOptions? options = null) =>
        AreEqual(actual, new ArrayDataFrame(expectedRows, expectedSchema), options);

    /// <summary>Throws <see cref="FugueDataFrameException"/> describing the first difference, if any.</summary>
    public static void ThrowIfDifferent(DataFrame actual, DataFrame expected, DataFrameEqualityOptions? options = null)
    {
        var reason = Explain(actual, expected, options);
        if (reason is not null)
        {
            throw new FugueDataFrameException(reason);
        }
    }

    /// <summary>Throws <see cref="FugueDataFrameException"/> describing the first difference from the expected rows, if any.</summary>
    public static void ThrowIfDifferent(DataFrame actual, IEnumerable<IReadOnlyList<object?>> expectedRows, Schema expectedSchema, DataFrameEqualityOptions? options = null) =>
        ThrowIfDifferent(actual, new ArrayDataFrame(expectedRows, expectedSchema), options);

    /// <summary>Null when the frames are equal, else a message naming the first difference.</summary>
    public static string? Explain(DataFrame actual, DataFrame expected, DataFrameEqualityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var o = options ?? DataFrameEqualityOptions.Default;
        var a = actual.AsLocalBounded();
        var e = expected.AsLocalBounded();
        if (o.CheckSchema ? a.Schema != e.Schema : a.Schema.Count != e.Schema.Count)
        {
            return $"schema mismatch: actual '{a.Schema}', expected '{e.Schema}'";
        }

        if (a.Count() != e.Count())
        {
            return string.Create(CultureInfo.InvariantCulture, $"row count mismatch: actual {a.Count()}, expected {e.Count()}");
        }

        if (!o.CheckContent)
        {
            return null;
        }

        var ar = a.AsArray();
        var er = e.AsArray();
        if (!o.CheckOrder)
        {
            ar.Sort(CompareRows);
            er.Sort(CompareRows);
        }

        var tolerance = Math.Pow(10, -o.Digits);
        for (var r = 0; r < ar.Count; r++)
        {
            for (var c = 0; c < a.Schema.Count; c++)
            {
                if (!ValuesEqual(ar[r][c], er[r][c], tolerance))
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{(o.CheckOrder ? "row" : "sorted row")} {r} differs at column '{a.Schema[c].Name}': actual {ValueText.Describe(ar[r][c])}, expected {ValueText.Describe(er[r][c])}\n  actual:   {RowText(ar[r])}\n  expected: {RowText(er[r])}");
                }
            }
        }

        return null;
    }

    /// <summary>A total order over canonical rows (nulls and NaN first), used to line up rows when order is ignored.</summary>
    public static int CompareRows(object?[]? x, object?[]? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var c = CompareValues(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>A total order over canonical values: null (and NaN) first, then by kind, then by value.</summary>
    public static int CompareValues(object? x, object? y)
    {
        var rx = Rank(x);
        var ry = Rank(y);
        if (rx != ry)
        {
            return rx.CompareTo(ry);
        }

        switch (rx)
        {
            case 0:
                return 0;
            case 1:
                return ((bool)x!).CompareTo((bool)y!);
            case 2:
                return CompareNumbers(x!, y!);
            case 3:
                return string.CompareOrdinal((string)x!, (string)y!);
            case 4:
                return ((ReadOnlySpan<byte>)(byte[])x!).SequenceCompareTo((byte[])y!);
            case 5:
                return ((DateOnly)x!).CompareTo((DateOnly)y!);
            case 6:
                return ((DateTime)x!).Ticks.CompareTo(((DateTime)y!).Ticks);
            case 7:
                return CompareRows((object?[])x!, (object?[])y!);
            case 8:
                return CompareRows(((IReadOnlyDictionary<string, object?>)x!).Values.ToArray(), ((IReadOnlyDictionary<string, object?>)y!).Values.ToArray());
            case 9:
                return CompareRows(Flatten((KeyValuePair<object, object?>[])x!), Flatten((KeyValuePair<object, object?>[])y!));
            default:
                return string.CompareOrdinal(ValueText.Display(x), ValueText.Display(y));
        }
    }

    /// <summary>Equality of canonical values: null equals NaN, floating values within <paramref name="tolerance"/>, nested values structurally.</summary>
    public static bool ValuesEqual(object? x, object? y, double tolerance = 1e-8)
    {
        var rx = Rank(x);
        var ry = Rank(y);
        if (rx != ry)
        {
            return false;
        }

        switch (rx)
        {
            case 0:
                return true;
            case 2:
                if (IsFloating(x!) || IsFloating(y!))
                {
                    var dx = ToDouble(x!);
                    var dy = ToDouble(y!);
                    return dx == dy || Math.Abs(dx - dy) < tolerance;
                }

                return CompareNumbers(x!, y!) == 0;
            case 4:
                return ((byte[])x!).AsSpan().SequenceEqual((byte[])y!);
            case 6:
                return ((DateTime)x!).Ticks == ((DateTime)y!).Ticks;
            case 7:
                {
                    var lx = (object?[])x!;
                    var ly = (object?[])y!;
                    if (lx.Length != ly.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < lx.Length; i++)
                    {
                        if (!ValuesEqual(lx[i], ly[i], tolerance))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case 8:
                {
                    var sx = (IReadOnlyDictionary<string, object?>)x!;
                    var sy = (IReadOnlyDictionary<string, object?>)y!;
                    if (sx.Count != sy.Count)
                    {
                        return false;
                    }

                    foreach (var kv in sx)
                    {
                        if (!sy.TryGetValue(kv.Key, out var other) || !ValuesEqual(kv.Value, other, tolerance))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case 9:
                return ValuesEqual(Flatten((KeyValuePair<object, object?>[])x!), Flatten((KeyValuePair<object, object?>[])y!), tolerance);
            default:
                return CompareValues(x, y) == 0;
        }
    }

    private static int Rank(object? v) => v switch
    {
        null => 0,
        double d when double.IsNaN(d) => 0,
        float f when float.IsNaN(f) => 0,
        Half h when Half.IsNaN(h) => 0,
        bool => 1,
        sbyte or byte or short or ushort or int or uint or long or ulong or Half or float or double or decimal => 2,
        string => 3,
        byte[] => 4,
        DateOnly => 5,
        DateTime => 6,
        object?[] => 7,
        IReadOnlyDictionary<string, object?> => 8,
        KeyValuePair<object, object?>[] => 9,
        _ => 10,
    };

    private static bool IsFloating(object v) => v is double or float or Half;

    private static double ToDouble(object v) => v switch
    {
        double d => d,
        float f => f,
        Half h => (double)h,
        decimal m => (double)m,
        ulong u => u,
        _ => System.Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    private static int CompareNumbers(object x, object y)
    {
        if (IsFloating(x) || IsFloating(y))
        {
            return ToDouble(x).CompareTo(ToDouble(y));
        }

        if (x is decimal || y is decimal)
        {
            return ToDecimal(x).CompareTo(ToDecimal(y));
        }

        return ToInt128(x).CompareTo(ToInt128(y));
    }

    private static decimal ToDecimal(object v) => v is decimal m ? m : (decimal)ToInt128(v);

    private static Int128 ToInt128(object v) => v switch
    {
        ulong u => u,
        _ => System.Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    private static object?[] Flatten(KeyValuePair<object, object?>[] map)
    {
        var result = new object?[map.Length * 2];
        for (var i = 0; i < map.Length; i++)
        {
            result[2 * i] = map[i].Key;
            result[(2 * i) + 1] = map[i].Value;
        }

        return result;
    }

    private static string RowText(object?[] row)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(ValueText.Display(row[i]));
        }

        return sb.Append(']').ToString();
    }
}
