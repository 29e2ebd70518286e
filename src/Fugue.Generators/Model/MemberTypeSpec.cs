namespace Fugue.Generators.Model;

/// <summary>The type of a row-type member (recursive for lists, maps and nested row types).</summary>
/// <param name="Kind">Schema family.</param>
/// <param name="SchemaType">Canonical schema type text.</param>
/// <param name="TypeName">Fully qualified .NET type, including <c>?</c> for Nullable.</param>
/// <param name="IsNullableValue">A Nullable&lt;T&gt; value type.</param>
/// <param name="IsValueType">A non-nullable value type (null input is an error).</param>
/// <param name="Collection">For lists: the declared collection.</param>
/// <param name="Element">List item, or map key.</param>
/// <param name="Value">Map value.</param>
/// <param name="RowType">Nested row type (fully qualified) for structs.</param>
internal sealed record MemberTypeSpec(
    ValueKind Kind,
    string SchemaType,
    string TypeName,
    bool IsNullableValue,
    bool IsValueType,
    CollectionShape Collection,
    MemberTypeSpec? Element,
    MemberTypeSpec? Value,
    string? RowType);
