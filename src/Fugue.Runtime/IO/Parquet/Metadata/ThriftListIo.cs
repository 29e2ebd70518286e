using System.Globalization;
using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>List and required-field helpers shared by the metadata structs.</summary>
internal static class ThriftListIo
{
    public static List<T> ReadList<T>(ref ThriftCompactReader r, ThriftType expected, ThriftRead<T> read)
    {
        r.EnterStruct();
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != expected && !(IsBool(et) && IsBool(expected)))
        {
            throw r.Error(string.Create(CultureInfo.InvariantCulture, $"list element type {et}, expected {expected}"));
        }

        var list = new List<T>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(read(ref r));
        }

        r.ExitStruct();
        return list;
    }

    public static List<string> ReadStringList(ref ThriftCompactReader r) =>
        ReadList(ref r, ThriftType.Binary, static (ref ThriftCompactReader x) => x.ReadString());

    /// <summary>A list of structs read into an array (see <see cref="ReadEnumList{T}"/> for why not a List over an enum).</summary>
    public static T[] ReadStructArray<T>(ref ThriftCompactReader r, ThriftRead<T> read)
    {
        r.EnterStruct();
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != ThriftType.Struct)
        {
            throw r.Error(string.Create(CultureInfo.InvariantCulture, $"list element type {et}, expected {ThriftType.Struct}"));
        }

        var items = new T[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = read(ref r);
        }

        r.ExitStruct();
        return items;
    }

    /// <summary>
    /// An array, not a <see cref="List{T}"/>: List over an enum shares the code of List over <see cref="int"/>, which
    /// ReadyToRun cannot precompile here, so every process would JIT-compile it while reading its first footer.
    /// </summary>
    public static T[] ReadEnumList<T>(ref ThriftCompactReader r) where T : struct, Enum
    {
        r.EnterStruct();
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != ThriftType.I32)
        {
            throw r.Error(string.Create(CultureInfo.InvariantCulture, $"list element type {et}, expected {ThriftType.I32}"));
        }

        var items = new T[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = IntToEnum<T>(r.ReadI32());
        }

        r.ExitStruct();
        return items;
    }

    public static void WriteStructList<T>(ThriftCompactWriter w, short fieldId, IReadOnlyList<T> items, Action<T, ThriftCompactWriter> write)
    {
        w.WriteFieldHeader(ThriftType.List, fieldId);
        w.WriteListHeader(ThriftType.Struct, items.Count);
        foreach (var item in items)
        {
            write(item, w);
        }
    }

    public static void WriteStringList(ThriftCompactWriter w, short fieldId, IReadOnlyList<string> items)
    {
        w.WriteFieldHeader(ThriftType.List, fieldId);
        w.WriteListHeader(ThriftType.Binary, items.Count);
        foreach (var item in items)
        {
            w.WriteString(item);
        }
    }

    public static void WriteEnumList<T>(ThriftCompactWriter w, short fieldId, T[] items) where T : struct, Enum
    {
        w.WriteFieldHeader(ThriftType.List, fieldId);
        w.WriteListHeader(ThriftType.I32, items.Length);
        foreach (var item in items)
        {
            w.WriteI32(EnumToInt(item));
        }
    }

    public static T IntToEnum<T>(int value) where T : struct, Enum =>
        System.Runtime.CompilerServices.Unsafe.As<int, T>(ref value);

    public static int EnumToInt<T>(T value) where T : struct, Enum =>
        System.Runtime.CompilerServices.Unsafe.As<T, int>(ref value);

    public static bool IsBool(ThriftType t) => t is ThriftType.BooleanTrue or ThriftType.BooleanFalse;

    /// <summary>Throws when a required field (bit set in <paramref name="required"/>) was not seen.</summary>
    public static void CheckRequired(ref ThriftCompactReader r, int seen, int required, string structName, string[] fieldNames)
    {
        var missing = required & ~seen;
        if (missing == 0)
        {
            return;
        }

        var bit = System.Numerics.BitOperations.TrailingZeroCount(missing);
        var name = bit < fieldNames.Length ? fieldNames[bit] : bit.ToString(CultureInfo.InvariantCulture);
        throw r.Error($"{structName} is missing required field '{name}'");
    }
}
