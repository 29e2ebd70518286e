namespace Fugue.Generators.Model;

/// <summary>A column of a row type.</summary>
/// <param name="MemberName">The property name.</param>
/// <param name="ColumnName">The column name ([Column] or the property name).</param>
/// <param name="Type">The member type.</param>
/// <param name="ConstructorIndex">Position in the constructor used to build rows, or -1 when set by initializer.</param>
internal sealed record RowMemberSpec(string MemberName, string ColumnName, MemberTypeSpec Type, int ConstructorIndex);
