using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>The contract engines call for a creator: no input frame, one frame out (Fugue's <c>Creator.create()</c>).</summary>
public interface ICreator
{
    /// <summary>The stable registry name, "Namespace.Type.Method".</summary>
    string Name { get; }

    /// <summary>The declared output schema, or null when the method returns a frame that carries its own.</summary>
    Schema? OutputSchema { get; }

    /// <summary>Creates the frame (possibly lazy).</summary>
    DataFrame Create(ExtensionContext context);
}
