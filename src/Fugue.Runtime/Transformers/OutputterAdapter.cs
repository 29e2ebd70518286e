using Fugue.Frames;

namespace Fugue.Transformers;

/// <summary>Base of generated [Outputter] adapters.</summary>
public abstract class OutputterAdapter : TransformerAdapterBase, IOutputter
{
    /// <summary>Creates the adapter.</summary>
    protected OutputterAdapter(string name, IReadOnlyDictionary<string, object?>? parameters, IReadOnlyList<string> parameterNames)
        : base(name, parameters, parameterNames, "Outputter")
    {
    }

    /// <inheritdoc />
    public void Process(ExtensionContext context, DataFrames inputs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        ProcessCore(context, inputs);
    }

    /// <summary>Calls the method (generated).</summary>
    protected abstract void ProcessCore(ExtensionContext context, DataFrames dfs);
}
