using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>A frame whose data is in this process: no engine is needed to read it.</summary>
public abstract class LocalDataFrame : DataFrame
{
    /// <summary>Creates the frame with its schema.</summary>
    protected LocalDataFrame(Schema schema) : base(schema)
    {
    }

    /// <inheritdoc />
    public sealed override bool IsLocal => true;

    /// <summary>Returns this frame.</summary>
    public sealed override LocalDataFrame AsLocal() => this;
}
