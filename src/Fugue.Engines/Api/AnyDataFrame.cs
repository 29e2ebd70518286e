using System.Diagnostics.CodeAnalysis;
using Fugue.Columnar;
using Fugue.Execution;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Api;

/// <summary>
/// Any data the functional API accepts as a frame (Fugue's <c>AnyDataFrame</c>): a <see cref="DataFrame"/> of any engine
/// (an <see cref="IEngineFrame"/> names its engine), an <see cref="EngineFrame"/> (which also names the engine to use
/// when none is given), a <see cref="RecordBatch"/>,
/// rows with a schema (<c>(rows, schema)</c> or <see cref="From(IEnumerable{IReadOnlyList{object?}}, Schema)"/>) or
/// dictionaries with a schema (<see cref="FromDicts"/>). Conversions are implicit, so every API method takes these forms directly.
/// </summary>
public sealed class AnyDataFrame
{
    private AnyDataFrame(DataFrame frame, ExecutionEngine? engine)
    {
        Frame = frame;
        Engine = engine;
    }

    /// <summary>The data as a frame (not yet converted to any engine).</summary>
    public DataFrame Frame { get; }

    /// <summary>The engine the data belongs to when it came from an <see cref="EngineFrame"/> or an <see cref="IEngineFrame"/>, else null.</summary>
    public ExecutionEngine? Engine { get; }

    /// <summary>The schema of the data.</summary>
    public Schema Schema => Frame.Schema;

    /// <summary>Rows (one canonical value per column, see the conventions) with their schema.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static AnyDataFrame From(IEnumerable<IReadOnlyList<object?>> rows, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(schema);
        return new AnyDataFrame(new ArrayDataFrame(rows, schema), null);
    }

    /// <summary>Rows with a schema expression such as <c>a:int,b:str</c>.</summary>
    public static AnyDataFrame From(IEnumerable<IReadOnlyList<object?>> rows, string schema) => From(rows, Schema.Parse(schema));

    /// <summary>Dictionaries keyed by column name (missing keys are null, extra keys ignored) with their schema.</summary>
    public static AnyDataFrame FromDicts(IEnumerable<IReadOnlyDictionary<string, object?>> rows, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(schema);
        var names = schema.Names;
        return From(rows.Select(d => (IReadOnlyList<object?>)names.Select(n => d.TryGetValue(n, out var v) ? v : null).ToArray()), schema);
    }

    /// <summary>Typed rows converted by <paramref name="toRow"/> into values of <paramref name="schema"/>'s columns.</summary>
    public static AnyDataFrame From<T>(IEnumerable<T> rows, Schema schema, Func<T, IReadOnlyList<object?>> toRow)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(toRow);
        return From(rows.Select(toRow), schema);
    }

    /// <summary>
    /// Typed rows (records, classes or structs): each public readable property is a column named by
    /// <see cref="Transformers.ColumnAttribute"/> (on the property or a positional record's parameter) or by the property
    /// name. Without <paramref name="schema"/> the columns are the properties in declaration order, typed from the
    /// primitive .NET types (bool, integers, Half, float, double, string, byte[], DateOnly, DateTime, decimal as
    /// <c>decimal(28,10)</c>, and their nullable forms); with it, the schema's columns are read from the matching properties.
    /// Without a schema, when the row type is used by an annotated method, its generated codec writes the frame (columnar, no
    /// reflection, the same column names and the generator's type mapping).
    /// </summary>
    /// <example>
    /// <code>
    /// public sealed record Sale([Column("key")] string Key, [Column("amount")] double Amount);
    /// var df = FugueApi.Distinct(AnyDataFrame.FromRecords(new[] { new Sale("a", 1.0) }));
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">A property type without an inferred column type, or a schema column without a property.</exception>
    public static AnyDataFrame FromRecords<[DynamicallyAccessedMembers(RecordColumns.Members)] T>(IEnumerable<T> rows, Schema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (schema is null && Fugue.Transformers.Codecs.RowCodecRegistry.TryGet<T>(out _))
        {
            // a row type used by an annotated method has a generated codec: columnar writes, no reflection
            return new AnyDataFrame(Fugue.Transformers.Codecs.RowCodecRegistry.ToFrame(rows, schema), null);
        }

        var (values, s) = RecordColumns.Read(rows, schema);
        return From(values, s);
    }

    /// <summary>A frame of any engine.</summary>
    public static implicit operator AnyDataFrame(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new AnyDataFrame(frame, (frame as IEngineFrame)?.ExecutionEngine);
    }

    /// <summary>A frame bound to its engine.</summary>
    public static implicit operator AnyDataFrame(EngineFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new AnyDataFrame(frame.Frame, frame.Engine);
    }

    /// <summary>One columnar batch.</summary>
    public static implicit operator AnyDataFrame(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new AnyDataFrame(new ColumnarDataFrame(batch), null);
    }

    /// <summary>Rows with their schema, e.g. <c>(rows, Schema.Parse("a:int"))</c>.</summary>
    public static implicit operator AnyDataFrame((IEnumerable<IReadOnlyList<object?>> Rows, Schema Schema) data) => From(data.Rows, data.Schema);

    /// <summary>Rows with a schema expression, e.g. <c>(rows, "a:int,b:str")</c>.</summary>
    public static implicit operator AnyDataFrame((IEnumerable<IReadOnlyList<object?>> Rows, string Schema) data) => From(data.Rows, data.Schema);

    /// <summary>Wraps a frame (the named form of the implicit conversion).</summary>
    public static AnyDataFrame FromDataFrame(DataFrame frame) => frame;

    /// <summary>The data as a frame of <paramref name="engine"/>.</summary>
    public DataFrame On(ExecutionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.ToDf(Frame);
    }

    /// <inheritdoc />
    public override string ToString() => Frame.ToString();
}
