namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue processor: whole frames in (one <c>DataFrames</c>, or one or more of
/// <c>DataFrame</c>, <c>LocalDataFrame</c>, rows or batches; after an optional leading <c>ExecutionEngine</c>
/// parameter), one frame out. The generator emits an <see cref="IProcessor"/> adapter and registers it under
/// "Namespace.Type.Method".
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProcessorAttribute : ExtensionRulesAttribute
{
    /// <summary>The output is a frame (which carries its schema) or a typed row type.</summary>
    public ProcessorAttribute()
    {
    }

    /// <summary>Declares the output schema (needed for object?[] rows, dictionaries and batches; not allowed for frames).</summary>
    /// <param name="schema">A plain schema expression, such as <c>a:int,b:str</c> (no <c>*</c>).</param>
    public ProcessorAttribute(string schema) => Schema = schema;

    /// <summary>The declared output schema, or null.</summary>
    public string? Schema { get; }
}
