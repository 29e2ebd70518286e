using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Execution;

/// <summary>
/// The function <see cref="MapEngine.MapDataFrame"/> runs once per logical partition: it receives the cursor
/// (the partition's first row and keys) and the partition's rows, and returns rows of the output schema.
/// </summary>
public delegate LocalDataFrame MapFunc(PartitionCursor cursor, LocalDataFrame partition);

/// <summary>
/// The function <see cref="ExecutionEngine.Comap"/> runs once per logical partition of a zipped frame: it receives
/// the cursor and one frame per zipped input (empty frames of the original schema for missing sides of outer zips).
/// </summary>
public delegate LocalDataFrame CoMapFunc(PartitionCursor cursor, DataFrames partitions);

/// <summary>Called before the first <see cref="MapFunc"/> call of a physical partition, with its number and data.</summary>
public delegate void MapInitFunc(int physicalPartitionNo, LocalDataFrame partition);

/// <summary>Called before the first <see cref="CoMapFunc"/> call of a physical partition, with empty frames of the zipped schemas.</summary>
public delegate void CoMapInitFunc(int physicalPartitionNo, DataFrames partitions);
