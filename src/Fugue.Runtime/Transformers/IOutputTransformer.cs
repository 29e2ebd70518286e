using Fugue.Frames;
using Fugue.Partitioning;

namespace Fugue.Transformers;

/// <summary>The contract engines call for an output transformer: one frame in, side effects only.</summary>
public interface IOutputTransformer
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The rules a call must meet; engines check them with <see cref="TransformerValidation"/>.</summary>
    ValidationRules ValidationRules => ValidationRules.None;

    /// <summary>Called once per physical partition before any <see cref="Process"/> call.</summary>
    void OnInit(PartitionCursor? cursor, LocalDataFrame df);

    /// <summary>Processes one logical partition (fully consuming whatever the method returns).</summary>
    void Process(PartitionCursor cursor, LocalDataFrame df);
}
