using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>The contract engines call for a transformer: one frame in, one frame out, per partition.</summary>
public interface ITransformer
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The output schema for an input schema (resolving <c>*</c> hints).</summary>
    Schema GetOutputSchema(Schema input);

    /// <summary>The rules a call must meet; engines check them with <see cref="TransformerValidation"/>.</summary>
    ValidationRules ValidationRules => ValidationRules.None;

    /// <summary>Called once per physical partition before any <see cref="Transform"/> call.</summary>
    void OnInit(PartitionCursor? cursor, LocalDataFrame df);

    /// <summary>Transforms one logical partition. The result may be a lazy stream.</summary>
    LocalDataFrame Transform(PartitionCursor cursor, LocalDataFrame df);
}
