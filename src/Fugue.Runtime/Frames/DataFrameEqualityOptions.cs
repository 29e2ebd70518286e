namespace Fugue.Frames;

/// <summary>How <see cref="DataFrameEquality"/> compares two frames (Fugue's <c>df_eq</c> arguments).</summary>
public sealed class DataFrameEqualityOptions
{
    /// <summary>The defaults: 8 digits, any row order, schema and content checked.</summary>
    public static DataFrameEqualityOptions Default { get; } = new();

    /// <summary>Floating values are equal when they differ by less than 10^-Digits (default 8).</summary>
    public int Digits { get; init; } = 8;

    /// <summary>When false (default) both sides are sorted before comparing, so row order does not matter.</summary>
    public bool CheckOrder { get; init; }

    /// <summary>When true (default) the schemas must be equal (names and types); otherwise only the column count must match.</summary>
    public bool CheckSchema { get; init; } = true;

    /// <summary>When true (default) the values are compared; otherwise only the schema and the row count.</summary>
    public bool CheckContent { get; init; } = true;
}
