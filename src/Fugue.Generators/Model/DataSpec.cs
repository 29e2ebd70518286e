namespace Fugue.Generators.Model;

/// <summary>A data parameter or return value: its shape and, for rows, how rows look.</summary>
/// <param name="Shape">What is carried.</param>
/// <param name="Collection">The declared collection for rows.</param>
/// <param name="Row">The row representation.</param>
/// <param name="RowType">Fully qualified row type (<c>global::</c>) when typed.</param>
/// <param name="TypeName">Fully qualified declared type.</param>
internal sealed record DataSpec(DataShape Shape, CollectionShape Collection, RowShape Row, string? RowType, string TypeName);
