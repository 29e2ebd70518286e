namespace Fugue.Execution;

/// <summary>
/// Stands in for Fugue.Engines' <c>ExecutionEngine</c>, which this test project does not reference: the generator
/// recognizes engine parameters by metadata name, so methods here can ask for "the engine" and the adapters cast
/// <see cref="Fugue.Transformers.ExtensionContext.Engine"/> to it.
/// </summary>
public class ExecutionEngine
{
}

/// <summary>A concrete engine for the end-to-end tests.</summary>
public sealed class TestEngine : ExecutionEngine
{
}
