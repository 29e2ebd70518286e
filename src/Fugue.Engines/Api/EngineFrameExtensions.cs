using Fugue.Execution;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Api;

/// <summary>Starts fluent chains: <see cref="EngineFrame"/>s from an engine (loading files or wrapping data) or from a frame.</summary>
public static class EngineFrameExtensions
{
    /// <summary>Loads files as a frame bound to <paramref name="engine"/> (see <see cref="ExecutionEngine.LoadDf(string, string?, IReadOnlyList{string}?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>).</summary>
    /// <example>
    /// <code>
    /// var top = engine.Load("sales.parquet").Take(10, presort: "amount desc").AsArray();
    /// </code>
    /// </example>
    public static EngineFrame Load(
        this ExecutionEngine engine,
        string path,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        EngineLog.Loading(engine.Logger, path, formatHint ?? "(by suffix)");
        return new EngineFrame(engine, engine.LoadDf(path, formatHint, columns, options, cancellationToken));
    }

    /// <summary>Loads several paths as one frame bound to <paramref name="engine"/>.</summary>
    public static EngineFrame Load(
        this ExecutionEngine engine,
        IReadOnlyList<string> paths,
        string? formatHint = null,
        IReadOnlyList<string>? columns = null,
        IReadOnlyDictionary<string, object?>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(paths);
        EngineLog.Loading(engine.Logger, string.Join(", ", paths), formatHint ?? "(by suffix)");
        return new EngineFrame(engine, engine.LoadDf(paths, formatHint, columns, options, cancellationToken));
    }

    /// <summary>Any data as a frame bound to <paramref name="engine"/>.</summary>
    public static EngineFrame From(this ExecutionEngine engine, AnyDataFrame data)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(data);
        return new EngineFrame(engine, data.Frame);
    }

    /// <summary>Rows with a schema as a frame bound to <paramref name="engine"/>.</summary>
    public static EngineFrame From(this ExecutionEngine engine, IEnumerable<IReadOnlyList<object?>> rows, Schema schema) =>
        From(engine, AnyDataFrame.From(rows, schema));

    /// <summary>Binds <paramref name="frame"/> to <paramref name="engine"/> for fluent calls.</summary>
    public static EngineFrame On(this DataFrame frame, ExecutionEngine engine) => new(engine, frame);
}
