namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue co-transformer: it maps each group of zipped frames to output rows.
/// The schema can't use <c>*</c>, because there are several inputs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CoTransformerAttribute : Attribute
{
    /// <summary>Declares the output from the output row type alone (it must be a typed row type).</summary>
    public CoTransformerAttribute()
    {
    }

    /// <summary>Declares the output schema.</summary>
    /// <param name="schema">A plain schema expression, such as <c>key:int,count:long</c>.</param>
    public CoTransformerAttribute(string schema) => Schema = schema;

    /// <summary>The declared output schema, or null when it comes from the output row type.</summary>
    public string? Schema { get; }
}
