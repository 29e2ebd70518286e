namespace Fugue.Engines.Tests.Api;

/// <summary>
/// The API tests read and set process-wide state (the global engine, the engine registry), so they run alone, never
/// next to other tests that could see a global engine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Fugue API (process-wide engine state)";
}
