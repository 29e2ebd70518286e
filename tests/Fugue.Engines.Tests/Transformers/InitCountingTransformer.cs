using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Engines.Tests.Transformers;

/// <summary>
/// A hand-written class transformer like Fugue's <c>MockTransformer</c>: it counts its OnInit calls and writes the
/// count seen at transform time, so the test sees that OnInit ran exactly once, before Transform, on the same instance.
/// </summary>
public sealed class InitCountingTransformer : ITransformer
{
    private int _inits;
    private int _physical = -1;

    /// <inheritdoc />
    public string Name => "Fugue.Engines.Tests.Transformers.InitCountingTransformer";

    /// <inheritdoc />
    public Schema GetOutputSchema(Schema input) => input + Schema.Parse("inits:int,physical_ok:bool");

    /// <inheritdoc />
    public void OnInit(PartitionCursor? cursor, LocalDataFrame df)
    {
        Interlocked.Increment(ref _inits);
        _physical = cursor?.PhysicalPartitionNo ?? -1;
    }

    /// <inheritdoc />
    public LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df)
    {
        var inits = Volatile.Read(ref _inits);
        var physicalOk = _physical == cursor.PhysicalPartitionNo;
        var rows = df.AsArray().Select(r => (IReadOnlyList<object?>)[.. r, inits, physicalOk]).ToList();
        return new ArrayDataFrame(rows, GetOutputSchema(df.Schema));
    }
}
