namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue transformer: it maps each partition of one frame to output rows. The
/// Fugue source generator emits an adapter, checks the signature and schema at compile time, and registers
/// the method under "Namespace.Type.Method".
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TransformerAttribute : ExtensionRulesAttribute
{
    /// <summary>Declares the output from the output row type alone (it must be a typed row type).</summary>
    public TransformerAttribute()
    {
    }

    /// <summary>Declares the output schema: a schema expression or a transform hint such as <c>*,rank:int</c>.</summary>
    /// <param name="schema">The output schema or hint (<c>*</c> = the input columns; <c>-a</c>, <c>~a</c>, <c>+a:T</c>).</param>
    public TransformerAttribute(string schema) => Schema = schema;

    /// <summary>The declared output schema or hint, or null when it comes from the output row type.</summary>
    public string? Schema { get; }
}
