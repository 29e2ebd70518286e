using System.Collections;
using System.Globalization;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// Conversions between canonical values (what nested columns hold: <c>object?[]</c> lists,
/// <c>Dictionary&lt;string, object?&gt;</c> structs, <c>KeyValuePair&lt;object, object?&gt;[]</c> maps) and row-type
/// members, used by generated codecs for nested members. Safe numeric widening is allowed.
/// </summary>
public static class RowValues
{
    /// <summary>A struct field by name, or null when absent.</summary>
    public static object? Field(IReadOnlyDictionary<string, object?> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>A string value.</summary>
    public static string? String(object? value, string what) => value switch
    {
        null => null,
        string s => s,
        _ => throw TypeError(what, "str", value),
    };

    /// <summary>A bytes value.</summary>
    public static byte[]? Binary(object? value, string what) => value switch
    {
        null => null,
        byte[] b => b,
        _ => throw TypeError(what, "bytes", value),
    };

    /// <summary>A struct value (field dictionary), or null.</summary>
    public static IReadOnlyDictionary<string, object?>? Struct(object? value, string what) => value switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> d => d,
        _ => throw TypeError(what, "a struct", value),
    };

    /// <summary>A non-null scalar; null is an error.</summary>
    public static T Required<T>(object? value, string what)
        where T : struct =>
        value is null ? throw NullError(what) : Scalar<T>(value, what);

    /// <summary>A scalar or null.</summary>
    public static T? Nullable<T>(object? value, string what)
        where T : struct =>
        value is null ? null : Scalar<T>(value, what);

    /// <summary>A list value as an array.</summary>
    public static T[]? ToArray<T>(object? value, string what, Func<object?, T> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (value is null)
        {
            return null;
        }

        if (value is object?[] array)
        {
            var result = new T[array.Length];
            for (var i = 0; i < array.Length; i++)
            {
                result[i] = item(array[i]);
            }

            return result;
        }

        return ToList(value, what, item)!.ToArray();
    }

    /// <summary>A list value as a List.</summary>
    public static List<T>? ToList<T>(object? value, string what, Func<object?, T> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (value is null)
        {
            return null;
        }

        if (value is string or not IEnumerable)
        {
            throw TypeError(what, "a list", value);
        }

        var result = new List<T>();
        foreach (var x in (IEnumerable)value)
        {
            result.Add(item(x));
        }

        return result;
    }

    /// <summary>A map value as a Dictionary.</summary>
    public static Dictionary<TKey, TValue>? ToDictionary<TKey, TValue>(object? value, string what, Func<object?, TKey> key, Func<object?, TValue> item)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(item);
        switch (value)
        {
            case null:
                return null;
            case IEnumerable<KeyValuePair<object, object?>> entries:
                var result = new Dictionary<TKey, TValue>();
                foreach (var entry in entries)
                {
                    result[key(entry.Key)] = item(entry.Value);
                }

                return result;
            case IDictionary dictionary:
                var fromDictionary = new Dictionary<TKey, TValue>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    fromDictionary[key(entry.Key)] = item(entry.Value);
                }

                return fromDictionary;
            default:
                throw TypeError(what, "a map", value);
        }
    }

    /// <summary>A member list as a canonical list, converting each item.</summary>
    public static object?[]? FromList<T>(IEnumerable<T>? values, Func<T, object?> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return values?.Select(item).ToArray();
    }

    /// <summary>A member map as canonical map entries, converting keys and values.</summary>
    public static KeyValuePair<object, object?>[]? FromMap<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? values, Func<TKey, object> key, Func<TValue, object?> item)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(item);
        return values?.Select(kv => new KeyValuePair<object, object?>(key(kv.Key), item(kv.Value))).ToArray();
    }

    /// <summary>The error for a null read into a non-nullable member.</summary>
    public static FugueTransformerException NullError(string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what} can't hold null; make the member nullable."));

    private static T Scalar<T>(object value, string what)
        where T : struct
    {
        if (value is T typed)
        {
            return typed;
        }

        object? widened = typeof(T) switch
        {
            _ when typeof(T) == typeof(long) => value switch
            {
                sbyte or byte or short or ushort or int or uint => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(int) => value switch
            {
                sbyte or byte or short or ushort => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(short) => value switch
            {
                sbyte or byte => System.Convert.ToInt16(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(ulong) => value switch
            {
                byte or ushort or uint => System.Convert.ToUInt64(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(uint) => value switch
            {
                byte or ushort => System.Convert.ToUInt32(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(double) => value switch
            {
                float f => (double)f,
                Half h => (double)h,
                sbyte or byte or short or ushort or int or uint => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ when typeof(T) == typeof(float) => value switch
            {
                Half h => (float)h,
                _ => null,
            },
            _ => null,
        };
        return widened is T result ? result : throw TypeError(what, typeof(T).Name, value);
    }

    private static FugueTransformerException TypeError(string what, string expected, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what} needs {expected}, but the value is a {value.GetType().Name} ({value})."));
}
