using System.Globalization;
using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>List and required-field helpers shared by the metadata structs.</summary>
internal static class ThriftListIo
{
    public static List<T> ReadList<T>(ref ThriftCompactReader r, ThriftType expected, ThriftRead<T> read)
    {
        var n = EnterList(ref r, expected);
        var list = new List<T>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(read(ref r));
        }

        r.ExitStruct();
        return list;
    }

    /// <summary>
    /// A list read into an array. Lists of enums are read this way: a <see cref="List{T}"/> over an enum shares the
    /// code of List over <see cref="int"/>, which ReadyToRun cannot precompile here, so every process would
    /// JIT-compile it while reading its first footer.
    /// </summary>
    public static T[] ReadArray<T>(ref ThriftCompactReader r, ThriftType expected, ThriftRead<T> read)
    {
        var n = EnterList(ref r, expected);
        var items = new T[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = read(ref r);
        }

        r.ExitStruct();
        return items;
    }

    public static List<string> ReadStringList(ref ThriftCompactReader r) =>
        ReadList(ref r, ThriftType.Binary, static (ref ThriftCompactReader x) => x.ReadString());

    public static T[] ReadEnumArray<T>(ref ThriftCompactReader r) where T : struct, Enum =>
        ReadArray(ref r, ThriftType.I32, static (ref ThriftCompactReader x) => IntToEnum<T>(x.ReadI32()));

    /// <summary>Reads a list header, checks the element type and returns the element count.</summary>
    private static int EnterList(ref ThriftCompactReader r, ThriftType expected)
    {
        r.EnterStruct();
        var n = r.ReadListHeader(out var et);
        if (n > 0 && et != expected && !(IsBool(et) && IsBool(expected)))
        {
            throw r.Error(string.Create(CultureInfo.InvariantCulture, $"list element type {et}, expected {expected}"));
        }

        return n;
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
