using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>The CLR storage type of each fixed-width kind (what <see cref="PrimitiveColumn{T}"/> holds).</summary>
internal static class StorageTypes
{
    // Non-generic (the generic entry points pass typeof(T)): ReadyToRun does not precompile generic code instantiated
    // over primitive types, so a generic body here would be JIT-compiled for each storage type in every process.
    public static bool Matches(DataType type, Type storage) => type.Kind switch
    {
        TypeKind.Int8 => storage == typeof(sbyte),
        TypeKind.UInt8 => storage == typeof(byte),
        TypeKind.Int16 => storage == typeof(short),
        TypeKind.UInt16 => storage == typeof(ushort),
        TypeKind.Int32 => storage == typeof(int),
        TypeKind.UInt32 => storage == typeof(uint),
        TypeKind.Int64 => storage == typeof(long),
        TypeKind.UInt64 => storage == typeof(ulong),
        TypeKind.Float16 => storage == typeof(Half),
        TypeKind.Float32 => storage == typeof(float),
        TypeKind.Float64 => storage == typeof(double),
        TypeKind.Date => storage == typeof(int),
        TypeKind.Timestamp => storage == typeof(long),
        _ => false,
    };

    public static bool Matches<T>(DataType type) where T : unmanaged => Matches(type, typeof(T));

    public static void Check<T>(DataType type) where T : unmanaged => Check(type, typeof(T));

    public static void Check(DataType type, Type storage)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Matches(type, storage))
        {
            throw new ArgumentException(
                $"type {type} is not stored as {storage.Name}; primitive columns hold int8..uint64, float16 (Half), float, double, date (int days) and timestamps (long)",
                nameof(type));
        }
    }

    /// <summary>Checks a primitive column's type and that its values buffer holds <c>offset + length</c> values of <paramref name="size"/> bytes.</summary>
    public static void CheckColumn(DataType type, Type storage, int size, int length, int offset, int bufferLength)
    {
        Check(type, storage);
        var need = ((long)offset + length) * size;
        if (bufferLength < need)
        {
            throw new ArgumentException(
                $"{type} column: values buffer has {bufferLength} bytes, needs at least {need} for offset {offset} + length {length} of {size}-byte values",
                "values");
        }
    }

    /// <summary>The natural Fugue type of a CLR storage type (int maps to int, not date; long to long).</summary>
    public static DataType DefaultType<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(sbyte)) return DataType.Int8;
        if (typeof(T) == typeof(byte)) return DataType.UInt8;
        if (typeof(T) == typeof(short)) return DataType.Int16;
        if (typeof(T) == typeof(ushort)) return DataType.UInt16;
        if (typeof(T) == typeof(int)) return DataType.Int32;
        if (typeof(T) == typeof(uint)) return DataType.UInt32;
        if (typeof(T) == typeof(long)) return DataType.Int64;
        if (typeof(T) == typeof(ulong)) return DataType.UInt64;
        if (typeof(T) == typeof(Half)) return DataType.Float16;
        if (typeof(T) == typeof(float)) return DataType.Float32;
        if (typeof(T) == typeof(double)) return DataType.Float64;
        throw new ArgumentException($"{typeof(T).Name} is not a primitive column storage type");
    }

    /// <summary>The canonical CLR type name for a Fugue type, for error messages.</summary>
    public static string CanonicalName(DataType type) => type.Kind switch
    {
        TypeKind.Null => "null",
        TypeKind.Bool => "bool",
        TypeKind.Int8 => "sbyte",
        TypeKind.UInt8 => "byte",
        TypeKind.Int16 => "short",
        TypeKind.UInt16 => "ushort",
        TypeKind.Int32 => "int",
        TypeKind.UInt32 => "uint",
        TypeKind.Int64 => "long",
        TypeKind.UInt64 => "ulong",
        TypeKind.Float16 => "Half",
        TypeKind.Float32 => "float",
        TypeKind.Float64 => "double",
        TypeKind.String => "string",
        TypeKind.Binary => "byte[]",
        TypeKind.Date => "DateOnly (or DateTime)",
        TypeKind.Timestamp => "DateTime (or DateTimeOffset)",
        TypeKind.Decimal => "decimal (or an integer)",
        TypeKind.List => "object?[] (or any non-string IEnumerable)",
        TypeKind.Struct => "Dictionary<string, object?> (or IReadOnlyDictionary/IDictionary or a positional object?[])",
        TypeKind.Map => "KeyValuePair<object, object?>[] (or an IDictionary)",
        _ => type.ToString(),
    };

    public static InvalidCastException WrongType(DataType type, object value) =>
        new($"cannot append a value of type {value.GetType().FullName} to a {type} column; expected {CanonicalName(type)}");
}
