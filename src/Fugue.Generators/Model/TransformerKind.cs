namespace Fugue.Generators.Model;

/// <summary>The annotated method kinds.</summary>
internal enum TransformerKind
{
    Transformer,
    CoTransformer,
    OutputTransformer,
    OutputCoTransformer,
    Creator,
    Processor,
    Outputter,
}
