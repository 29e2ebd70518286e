using Fugue.Generators.Helpers;

namespace Fugue.Generators.Model;

/// <summary>A row type with a generated codec. Value-equatable so unchanged row types stay cached.</summary>
/// <param name="TypeName">Fully qualified type (<c>global::</c>).</param>
/// <param name="DisplayName">Short display name for messages.</param>
/// <param name="CodecName">Name of the generated codec class.</param>
/// <param name="Schema">Canonical schema text of the columns in member order.</param>
/// <param name="Members">The columns.</param>
/// <param name="CanConstruct">Whether rows can be built (needed to read frames into it).</param>
/// <param name="ConstructorArity">Number of constructor arguments used.</param>
internal sealed record RowTypeSpec(
    string TypeName,
    string DisplayName,
    string CodecName,
    string Schema,
    EquatableArray<RowMemberSpec> Members,
    bool CanConstruct,
    int ConstructorArity);
