namespace Fugue.Partitioning;

/// <summary>How rows are distributed to physical partitions (Fugue's <c>algo</c>).</summary>
public enum PartitionAlgo
{
    /// <summary>Not specified: the engine's default, which is hash partitioning (Fugue stores <c>""</c>).</summary>
    Default = 0,

    /// <summary>Hash by the partition keys.</summary>
    Hash,

    /// <summary>Random rows (random key groups when there are keys).</summary>
    Rand,

    /// <summary>Rows, or key groups, spread evenly over the number of partitions.</summary>
    Even,

    /// <summary>Hash by keys, but each physical partition is one map call, sorted by keys then presort.</summary>
    Coarse,
}
