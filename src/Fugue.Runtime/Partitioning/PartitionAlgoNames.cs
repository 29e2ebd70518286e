namespace Fugue.Partitioning;

/// <summary>Converts <see cref="PartitionAlgo"/> to and from Fugue's lower-case names.</summary>
public static class PartitionAlgoNames
{
    /// <summary>
    /// Parses an algo name case-insensitively; <c>""</c>, whitespace, null and <c>"default"</c> are <see cref="PartitionAlgo.Default"/>.
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">The name is not one of default, hash, rand, even, coarse.</exception>
    public static PartitionAlgo Parse(string? name) =>
        TryParse(name, out var algo)
            ? algo
            : throw new FuguePartitionSpecException(
                $"invalid partition algo '{name}': expected one of default, hash, rand, even, coarse (case-insensitive)");

    /// <summary>Parses an algo name case-insensitively; false when it is unknown.</summary>
    public static bool TryParse(string? name, out PartitionAlgo algo)
    {
        var n = name?.Trim() ?? string.Empty;
        if (n.Length == 0 || n.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            algo = PartitionAlgo.Default;
            return true;
        }

        if (n.Equals("hash", StringComparison.OrdinalIgnoreCase))
        {
            algo = PartitionAlgo.Hash;
        }
        else if (n.Equals("rand", StringComparison.OrdinalIgnoreCase))
        {
            algo = PartitionAlgo.Rand;
        }
        else if (n.Equals("even", StringComparison.OrdinalIgnoreCase))
        {
            algo = PartitionAlgo.Even;
        }
        else if (n.Equals("coarse", StringComparison.OrdinalIgnoreCase))
        {
            algo = PartitionAlgo.Coarse;
        }
        else
        {
            algo = PartitionAlgo.Default;
            return false;
        }

        return true;
    }

    /// <summary>The reported name: <c>default</c>, <c>hash</c>, <c>rand</c>, <c>even</c> or <c>coarse</c>.</summary>
    public static string ToName(this PartitionAlgo algo) => algo switch
    {
        PartitionAlgo.Default => "default",
        PartitionAlgo.Hash => "hash",
        PartitionAlgo.Rand => "rand",
        PartitionAlgo.Even => "even",
        PartitionAlgo.Coarse => "coarse",
        _ => throw new ArgumentOutOfRangeException(nameof(algo), algo, "unknown partition algo"),
    };

    /// <summary>The stored (JSON) name: as <see cref="ToName"/> except that the default is <c>""</c>, like Fugue's jsondict.</summary>
    public static string ToStoredName(this PartitionAlgo algo) => algo == PartitionAlgo.Default ? string.Empty : algo.ToName();
}
