using Fugue.Schemas;

namespace Fugue.IO.Json;

/// <summary>How <see cref="JsonLinesReader"/> reads JSON Lines (one object per line).</summary>
public sealed record JsonReadOptions
{
    /// <summary>
    /// Column names and types (keys missing from a line are null, other keys are ignored). Without it the schema
    /// is inferred from the first <see cref="InferSampleRows"/> lines.
    /// </summary>
    public Schema? Schema { get; init; }

    /// <summary>Selects these columns, in this order (from the given or inferred schema).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>How many lines inference looks at.</summary>
    public int InferSampleRows { get; init; } = 1000;

    /// <summary>Rows per yielded batch.</summary>
    public int BatchSize { get; init; } = 65536;

    /// <summary>Initial read buffer size in bytes (it grows to hold a longer line).</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
