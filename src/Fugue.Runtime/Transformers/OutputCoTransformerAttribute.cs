namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue output co-transformer: it consumes each group of zipped frames for its
/// side effects; whatever it returns is discarded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OutputCoTransformerAttribute : Attribute
{
}
