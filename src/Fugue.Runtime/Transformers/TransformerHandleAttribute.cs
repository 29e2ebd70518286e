namespace Fugue.Transformers;

/// <summary>
/// Marks an engine parameter that takes a transformer as a method group (<c>engine.Transform(df, Pipelines.Rank)</c>).
/// The Fugue analyzer reports FUG014 when the method passed is not annotated as a transformer.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class TransformerHandleAttribute : Attribute
{
}
