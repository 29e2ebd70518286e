namespace Fugue.Dask;

/// <summary>Why a Dask job failed: the user's code, a task deadline, or the infrastructure (after retries).</summary>
public enum DaskFailureKind
{
    /// <summary>The user's C# code threw; never retried.</summary>
    User,

    /// <summary>A task exceeded <see cref="DaskExecutionEngine.TaskTimeoutKey"/>; its executor was killed.</summary>
    Timeout,

    /// <summary>Processes or the network failed beyond what retries and recomputation could repair.</summary>
    Infrastructure,
}
