using Fugue.Schemas;

namespace Fugue.Frames;

/// <summary>
/// A local stream of rows whose length is unknown until it is read. It cannot be counted directly (as in Fugue);
/// <see cref="DataFrame.AsLocalBounded"/> materialises it.
/// </summary>
public abstract class LocalUnboundedDataFrame : LocalDataFrame
{
    /// <summary>Creates the frame with its schema.</summary>
    protected LocalUnboundedDataFrame(Schema schema) : base(schema)
    {
    }

    /// <inheritdoc />
    public override bool IsBounded => false;

    /// <summary>Always throws: a stream has no known count.</summary>
    /// <exception cref="InvalidOperationException">Always; call <see cref="DataFrame.AsLocalBounded"/> and count that.</exception>
    public override long Count() =>
        throw new InvalidOperationException($"cannot count the unbounded {GetType().Name} with schema '{Schema}'; call AsLocalBounded() first");
}
