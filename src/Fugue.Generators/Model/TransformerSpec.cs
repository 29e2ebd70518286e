using Fugue.Generators.Helpers;

namespace Fugue.Generators.Model;

/// <summary>
/// Everything the emitter needs for one annotated method. Immutable with structural equality (strings, enums,
/// records and equatable arrays only; never symbols or locations), or incremental caching breaks.
/// </summary>
/// <param name="Kind">The attribute kind.</param>
/// <param name="Key">Stable registry name, "Namespace.Type.Method".</param>
/// <param name="ContainingType">Fully qualified containing type.</param>
/// <param name="MethodName">The method name.</param>
/// <param name="AdapterName">Name of the generated adapter class.</param>
/// <param name="SchemaHint">The attribute's schema string, or null.</param>
/// <param name="OutputSchema">The output schema when known at compile time, or null (resolved at run time from the hint).</param>
/// <param name="Parameters">The parameters in declaration order.</param>
/// <param name="Return">The return value.</param>
/// <param name="RowTypes">Every row type the method uses (inputs, outputs and nested types).</param>
/// <param name="Rules">The validation rules, or null when the attribute sets none.</param>
internal sealed record TransformerSpec(
    TransformerKind Kind,
    string Key,
    string ContainingType,
    string MethodName,
    string AdapterName,
    string? SchemaHint,
    string? OutputSchema,
    EquatableArray<ParameterSpec> Parameters,
    DataSpec Return,
    EquatableArray<RowTypeSpec> RowTypes,
    ValidationRulesSpec? Rules);
