namespace Fugue.Native.Kernels;

/// <summary>Deep equality and hashing of canonical values (lists, structs, maps, byte arrays), with NaN equal to null.</summary>
internal static class CanonicalValues
{
    /// <summary>True when two canonical values are deeply equal.</summary>
    public static bool Equal(object? a, object? b)
    {
        a = Normalize(a);
        b = Normalize(b);
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case byte[] x when b is byte[] y:
                return x.AsSpan().SequenceEqual(y);
            case object?[] x when b is object?[] y:
                if (x.Length != y.Length)
                {
                    return false;
                }

                for (var i = 0; i < x.Length; i++)
                {
                    if (!Equal(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case IReadOnlyDictionary<string, object?> x when b is IReadOnlyDictionary<string, object?> y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var kv in x)
                {
                    if (!y.TryGetValue(kv.Key, out var other) || !Equal(kv.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            case KeyValuePair<object, object?>[] x when b is KeyValuePair<object, object?>[] y:
                if (x.Length != y.Length)
                {
                    return false;
                }

                for (var i = 0; i < x.Length; i++)
                {
                    if (!Equal(x[i].Key, y[i].Key) || !Equal(x[i].Value, y[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>A hash consistent with <see cref="Equal"/>.</summary>
    public static int Hash(object? value)
    {
        value = Normalize(value);
        switch (value)
        {
            case null:
                return 0;
            case byte[] bytes:
            {
                var h = new HashCode();
                h.AddBytes(bytes);
                return h.ToHashCode();
            }

            case object?[] list:
            {
                var h = new HashCode();
                foreach (var v in list)
                {
                    h.Add(Hash(v));
                }

                return h.ToHashCode();
            }

            case IReadOnlyDictionary<string, object?> dict:
            {
                // Order-independent so that equal dictionaries hash equally whatever their enumeration order.
                var sum = 0;
                foreach (var kv in dict)
                {
                    sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(kv.Key), Hash(kv.Value));
                }

                return sum;
            }

            case KeyValuePair<object, object?>[] map:
            {
                var h = new HashCode();
                foreach (var kv in map)
                {
                    h.Add(Hash(kv.Key));
                    h.Add(Hash(kv.Value));
                }

                return h.ToHashCode();
            }

            default:
                return value.GetHashCode();
        }
    }

    private static object? Normalize(object? value) => value switch
    {
        double d when double.IsNaN(d) => null,
        float f when float.IsNaN(f) => null,
        Half h when Half.IsNaN(h) => null,
        _ => value,
    };
}
