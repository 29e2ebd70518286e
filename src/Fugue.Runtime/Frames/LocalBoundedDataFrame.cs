using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>A local frame whose rows are all available: counting and re-reading are free of side effects.</summary>
public abstract class LocalBoundedDataFrame : LocalDataFrame
{
    /// <summary>Creates the frame with its schema.</summary>
    protected LocalBoundedDataFrame(Schema schema) : base(schema)
    {
    }

    /// <inheritdoc />
    public sealed override bool IsBounded => true;

    /// <inheritdoc />
    public override bool IsEmpty => Count() == 0;

    /// <summary>Returns this frame.</summary>
    public sealed override LocalBoundedDataFrame AsLocalBounded() => this;
}
