using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// The contract engines call for a processor: one or more whole frames in (not per partition), one frame out
/// (Fugue's <c>Processor.process(dfs)</c>). Frames bind to the method's parameters by name when
/// <see cref="DataFrames.HasKey"/>, by position otherwise.
/// </summary>
public interface IProcessor
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The declared output schema, or null when the method returns a frame that carries its own.</summary>
    Schema? OutputSchema { get; }

    /// <summary>The rules a call must meet; engines check them with <see cref="TransformerValidation"/>.</summary>
    ValidationRules ValidationRules => ValidationRules.None;

    /// <summary>Processes the inputs.</summary>
    DataFrame Process(ExtensionContext context, DataFrames inputs);
}
