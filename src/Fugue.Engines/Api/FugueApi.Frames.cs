using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Api;

// Frame helpers (fa.as_array, fa.show, fa.count, ...): they read or reshape the data itself and need no engine.
public static partial class FugueApi
{
    /// <summary>All rows as arrays of canonical values (Fugue's <c>fa.as_array</c>); reading a lazy frame runs it.</summary>
    public static List<object?[]> AsArray(AnyDataFrame df, IReadOnlyList<string>? columns = null, bool typeSafe = false) => Data(df).AsArray(columns, typeSafe);

    /// <summary>The rows as a stream of arrays (Fugue's <c>fa.as_array_iterable</c>).</summary>
    public static IEnumerable<object?[]> AsArrayIterable(AnyDataFrame df, IReadOnlyList<string>? columns = null, bool typeSafe = false) =>
        Data(df).AsArrayIterable(columns, typeSafe);

    /// <summary>All rows as dictionaries by column name (Fugue's <c>fa.as_dicts</c>).</summary>
    public static List<Dictionary<string, object?>> AsDicts(AnyDataFrame df, IReadOnlyList<string>? columns = null) => Data(df).AsDicts(columns);

    /// <summary>Prints the first <paramref name="n"/> rows as a table to the console (Fugue's <c>fa.show</c>).</summary>
    public static void Show(AnyDataFrame df, int n = 10, bool withCount = false, string? title = null) => Data(df).Show(n, withCount, title);

    /// <summary>Prints the first <paramref name="n"/> rows as a table to <paramref name="writer"/>.</summary>
    public static void Show(AnyDataFrame df, TextWriter writer, int n = 10, bool withCount = false, string? title = null) =>
        Data(df).Show(writer, n, withCount, title);

    /// <summary>The number of rows (Fugue's <c>fa.count</c>); a lazy frame is read.</summary>
    public static long Count(AnyDataFrame df)
    {
        var frame = Data(df);
        return frame.IsBounded ? frame.Count() : frame.AsLocalBounded().Count();
    }

    /// <summary>True when the data has no rows (Fugue's <c>fa.is_empty</c>).</summary>
    public static bool IsEmpty(AnyDataFrame df) => Data(df).IsEmpty;

    /// <summary>True when the data is in this process (Fugue's <c>fa.is_local</c>).</summary>
    public static bool IsLocal(AnyDataFrame df) => Data(df).IsLocal;

    /// <summary>True when the data's size is known without reading it (Fugue's <c>fa.is_bounded</c>).</summary>
    public static bool IsBounded(AnyDataFrame df) => Data(df).IsBounded;

    /// <summary>The schema (Fugue's <c>fa.get_schema</c>).</summary>
    public static Schema GetSchema(AnyDataFrame df) => Data(df).Schema;

    /// <summary>The column names (Fugue's <c>fa.get_column_names</c>).</summary>
    public static IReadOnlyList<string> GetColumnNames(AnyDataFrame df) => Data(df).Schema.Names;

    /// <summary>The first <paramref name="n"/> rows as a local frame (Fugue's <c>fa.head</c>).</summary>
    public static LocalBoundedDataFrame Head(AnyDataFrame df, int n, IReadOnlyList<string>? columns = null) => Data(df).Head(n, columns);

    /// <summary>The first row as an array (Fugue's <c>fa.peek_array</c>).</summary>
    public static object?[] PeekArray(AnyDataFrame df) => Data(df).PeekArray();

    /// <summary>The first row as a dictionary (Fugue's <c>fa.peek_dict</c>).</summary>
    public static Dictionary<string, object?> PeekDict(AnyDataFrame df) => Data(df).PeekDict();

    /// <summary>The data as a local frame (Fugue's <c>fa.as_local</c>).</summary>
    public static DataFrame AsLocal(AnyDataFrame df) => Data(df).AsLocal();

    /// <summary>The data as a local, bounded (materialized) frame (Fugue's <c>fa.as_local_bounded</c>).</summary>
    public static LocalBoundedDataFrame AsLocalBounded(AnyDataFrame df) => Data(df).AsLocalBounded();

    /// <summary>These columns, in this order (Fugue's <c>fa.select_columns</c>).</summary>
    public static DataFrame SelectColumns(AnyDataFrame df, IReadOnlyList<string> columns) => Data(df).SelectColumns(columns);

    /// <summary>All but these columns (Fugue's <c>fa.drop_columns</c>).</summary>
    public static DataFrame DropColumns(AnyDataFrame df, IReadOnlyList<string> columns) => Data(df).DropColumns(columns);

    /// <summary>Renames columns, old name to new name (Fugue's <c>fa.rename</c>).</summary>
    public static DataFrame Rename(AnyDataFrame df, IReadOnlyDictionary<string, string> columns) => Data(df).Rename(columns);

    /// <summary>Changes column types in place, e.g. <c>a:double</c> (Fugue's <c>fa.alter_columns</c>).</summary>
    public static DataFrame AlterColumns(AnyDataFrame df, string columns) => Data(df).AlterColumns(columns);

    private static DataFrame Data(AnyDataFrame df)
    {
        ArgumentNullException.ThrowIfNull(df);
        return df.Frame;
    }
}
