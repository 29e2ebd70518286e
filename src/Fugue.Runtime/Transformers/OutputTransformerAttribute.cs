namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue output transformer: it consumes each partition of one frame for its
/// side effects; whatever it returns is discarded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OutputTransformerAttribute : ExtensionRulesAttribute
{
}
