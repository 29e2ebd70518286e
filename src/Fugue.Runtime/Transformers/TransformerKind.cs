namespace Fugue.Transformers;

/// <summary>The kinds of annotated transformer methods.</summary>
public enum TransformerKind
{
    /// <summary>One frame in, one frame out, per partition ([Transformer]).</summary>
    Transformer,

    /// <summary>Zipped frames in, one frame out, per key group ([CoTransformer]).</summary>
    CoTransformer,

    /// <summary>One frame in, side effects only ([OutputTransformer]).</summary>
    OutputTransformer,

    /// <summary>Zipped frames in, side effects only ([OutputCoTransformer]).</summary>
    OutputCoTransformer,

    /// <summary>No input, one frame out ([Creator]).</summary>
    Creator,

    /// <summary>Whole frames in, one frame out ([Processor]).</summary>
    Processor,

    /// <summary>Whole frames in, side effects only ([Outputter]).</summary>
    Outputter,
}
