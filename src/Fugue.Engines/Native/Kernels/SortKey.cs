namespace Fugue.Native.Kernels;

/// <summary>One sort key for <see cref="RowSorter"/>: a column index, the direction and where nulls (and NaN) go.</summary>
internal readonly record struct SortKey(int Column, bool Ascending, bool NullsFirst);
