namespace Fugue.Execution;

/// <summary>What <c>ExecutionEngine.SaveDf</c> does when the target path exists.</summary>
public enum SaveMode
{
    /// <summary>Replace the existing data (atomically: a failed save leaves the old data intact).</summary>
    Overwrite,
    /// <summary>Add part files next to the existing ones.</summary>
    Append,
    /// <summary>Fail with an error if the path exists.</summary>
    Error,
}
