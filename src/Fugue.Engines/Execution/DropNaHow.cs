namespace Fugue.Execution;

/// <summary>Which rows <see cref="ExecutionEngine.DropNa"/> drops.</summary>
public enum DropNaHow
{
    /// <summary>Drop a row when any checked column is null (or NaN).</summary>
    Any,
    /// <summary>Drop a row only when every checked column is null (or NaN).</summary>
    All,
}
