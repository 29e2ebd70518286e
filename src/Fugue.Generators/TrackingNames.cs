namespace Fugue.Generators;

/// <summary>Names of the tracked incremental steps (tests assert their run reasons).</summary>
public static class TrackingNames
{
    /// <summary>Per annotated method: the parse result (spec + diagnostics).</summary>
    public const string Parse = nameof(Parse);

    /// <summary>Per annotated method: the value-equatable spec alone.</summary>
    public const string Spec = nameof(Spec);

    /// <summary>Per row type: the distinct row types used by all methods.</summary>
    public const string RowType = nameof(RowType);

    /// <summary>All methods, reduced to what the registry needs.</summary>
    public const string Registry = nameof(Registry);
}
