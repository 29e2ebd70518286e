namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue creator: it takes no frame (only params, and the engine when it declares an
/// <c>ExecutionEngine</c> parameter first) and returns a frame, rows or batches. The generator emits an
/// <see cref="ICreator"/> adapter and registers it under "Namespace.Type.Method".
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CreatorAttribute : Attribute
{
    /// <summary>The output is a frame (which carries its schema) or a typed row type.</summary>
    public CreatorAttribute()
    {
    }

    /// <summary>Declares the output schema (needed for object?[] rows, dictionaries and batches; not allowed for frames).</summary>
    /// <param name="schema">A plain schema expression, such as <c>a:int,b:str</c>.</param>
    public CreatorAttribute(string schema) => Schema = schema;

    /// <summary>The declared output schema, or null.</summary>
    public string? Schema { get; }
}
