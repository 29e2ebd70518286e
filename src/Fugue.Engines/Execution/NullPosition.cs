namespace Fugue.Execution;

/// <summary>Where nulls go when sorting for <see cref="ExecutionEngine.Take"/>.</summary>
public enum NullPosition
{
    /// <summary>Nulls after all values, whatever the direction.</summary>
    Last,
    /// <summary>Nulls before all values, whatever the direction.</summary>
    First,
}
