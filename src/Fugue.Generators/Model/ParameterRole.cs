namespace Fugue.Generators.Model;

/// <summary>What the adapter passes for a parameter.</summary>
internal enum ParameterRole
{
    /// <summary>An input frame (or all of them, for DataFrames).</summary>
    Data,

    /// <summary>The PartitionCursor.</summary>
    Cursor,

    /// <summary>A value bound by name from the params dictionary.</summary>
    Param,

    /// <summary>The running execution engine (Creators, Processors and Outputters), cast to the declared type.</summary>
    Engine,

    /// <summary>The ExtensionContext (engine, conf, partition spec) of a Creator, Processor or Outputter.</summary>
    Context,
}
