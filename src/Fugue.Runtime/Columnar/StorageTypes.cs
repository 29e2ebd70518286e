using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>The CLR storage type of each fixed-width kind (what <see cref="PrimitiveColumn{T}"/> holds).</summary>
internal static class StorageTypes
{
    public static bool Matches<T>(DataType type) where T : unmanaged => type.Kind switch
    {
        TypeKind.Int8 => typeof(T) == typeof(sbyte),
        TypeKind.UInt8 => typeof(T) == typeof(byte),
        TypeKind.Int16 => typeof(T) == typeof(short),
        TypeKind.UInt16 => typeof(T) == typeof(ushort),
        TypeKind.Int32 => typeof(T) == typeof(int),
        TypeKind.UInt32 => typeof(T) == typeof(uint),
        TypeKind.Int64 => typeof(T) == typeof(long),
        TypeKind.UInt64 => typeof(T) == typeof(ulong),
        TypeKind.Float16 => typeof(T) == typeof(Half),
        TypeKind.Float32 => typeof(T) == typeof(float),
        TypeKind.Float64 => typeof(T) == typeof(double),
        TypeKind.Date => typeof(T) == typeof(int),
        TypeKind.Timestamp => typeof(T) == typeof(long),
        _ => false,
    };

    public static void Check<T>(DataType type) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Matches<T>(type))
        {
            throw new ArgumentException(
                $"type {type} is not stored as {typeof(T).Name}; primitive columns hold int8..uint64, float16 (Half), float, double, date (int days) and timestamps (long)",
                nameof(type));
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
