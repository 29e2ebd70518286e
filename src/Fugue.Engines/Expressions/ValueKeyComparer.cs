namespace Fugue.Expressions;

/// <summary>Equality of canonical values and rows of them as SQL grouping sees it: byte arrays by content, nulls equal each other.</summary>
internal sealed class ValueKeyComparer : IEqualityComparer<object?>, IEqualityComparer<object?[]>
{
    public static readonly ValueKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) => x switch
    {
        null => y is null,
        byte[] a => y is byte[] b && a.AsSpan().SequenceEqual(b),
        _ => x.Equals(y),
    };

    public int GetHashCode(object? obj) => obj switch
    {
        null => 0,
        byte[] b => HashBytes(b),
        _ => obj.GetHashCode(),
    };

    public bool Equals(object?[]? x, object?[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return ReferenceEquals(x, y);
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(object?[] obj)
    {
        var hash = new HashCode();
        foreach (var v in obj)
        {
            hash.Add(GetHashCode(v));
        }

        return hash.ToHashCode();
    }

    private static int HashBytes(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
