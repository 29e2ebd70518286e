using Fugue.Frames;

namespace Fugue.Transformers;

/// <summary>
/// The contract engines call for an outputter: one or more whole frames in, side effects only (Fugue's
/// <c>Outputter.process(dfs)</c>). Frames bind as for <see cref="IProcessor"/>.
/// </summary>
public interface IOutputter
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The rules a call must meet; engines check them with <see cref="TransformerValidation"/>.</summary>
    ValidationRules ValidationRules => ValidationRules.None;

    /// <summary>Runs the outputter (fully consuming whatever the method returns).</summary>
    void Process(ExtensionContext context, DataFrames inputs);
}
