namespace Fugue.Execution;

/// <summary>The ambient engine: the innermost <see cref="ExecutionEngine.AsContext"/> scope of this async flow, else the global engine.</summary>
public static class ExecutionEngineContext
{
    private static readonly AsyncLocal<Frame?> s_current = new();
    private static ExecutionEngine? s_global;

    /// <summary>The context engine, else the global one, else null.</summary>
    public static ExecutionEngine? Current => s_current.Value?.Engine ?? Global;

    /// <summary>The global engine, or null.</summary>
    public static ExecutionEngine? Global => Volatile.Read(ref s_global);

    /// <summary>Replaces the global engine; the previous one is not stopped (it may still be in use).</summary>
    public static void SetGlobal(ExecutionEngine? engine) => Volatile.Write(ref s_global, engine);

    /// <summary>Clears the global engine.</summary>
    public static void ClearGlobal() => SetGlobal(null);

    internal static IDisposable Enter(ExecutionEngine engine)
    {
        var frame = new Frame(engine, s_current.Value);
        s_current.Value = frame;
        return frame;
    }

    private sealed class Frame(ExecutionEngine engine, Frame? parent) : IDisposable
    {
        public ExecutionEngine Engine { get; } = engine;

        public void Dispose()
        {
            // Scopes may end out of order across async flows: restore this frame's parent only if it is current.
            if (ReferenceEquals(s_current.Value, this))
            {
                s_current.Value = parent;
            }
        }
    }
}
