using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>A zipped frame's state: per bucket the co-partitioned inputs' partitions, and how to zip them in a task.</summary>
internal sealed record DaskZip(
    IReadOnlyList<IReadOnlyList<DaskPart>> Buckets,
    ImmutableArray<Schema> Schemas,
    string[]? Names,
    string How,
    JsonObject ZipSpec);
