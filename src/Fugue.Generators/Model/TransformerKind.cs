namespace Fugue.Generators.Model;

/// <summary>The four annotated method kinds.</summary>
internal enum TransformerKind
{
    Transformer,
    CoTransformer,
    OutputTransformer,
    OutputCoTransformer,
}
