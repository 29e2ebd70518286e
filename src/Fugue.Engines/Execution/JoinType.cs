namespace Fugue.Execution;

/// <summary>The join types every engine supports (Fugue's <c>how</c>).</summary>
public enum JoinType
{
    /// <summary>Rows of both sides whose keys match (<c>inner</c>).</summary>
    Inner,
    /// <summary>Left rows with a match on the right, left columns only (<c>semi</c>, <c>left_semi</c>).</summary>
    LeftSemi,
    /// <summary>Left rows without a match on the right, left columns only (<c>anti</c>, <c>left_anti</c>).</summary>
    LeftAnti,
    /// <summary>Every left row, with right columns null when unmatched (<c>left_outer</c>).</summary>
    LeftOuter,
    /// <summary>Every right row, with left columns null when unmatched (<c>right_outer</c>).</summary>
    RightOuter,
    /// <summary>Every row of both sides, matched where keys are equal (<c>full_outer</c>).</summary>
    FullOuter,
    /// <summary>Cartesian product; the frames must share no column (<c>cross</c>).</summary>
    Cross,
}

/// <summary>Parses and prints <see cref="JoinType"/> names as Fugue spells them.</summary>
public static class JoinTypes
{
    /// <summary>
    /// Parses a join type, case-insensitively: <c>semi</c>, <c>left_semi</c>, <c>anti</c>, <c>left_anti</c>,
    /// <c>inner</c>, <c>left_outer</c>, <c>right_outer</c>, <c>full_outer</c>, <c>cross</c>. Like Fugue, the
    /// ambiguous SQL shorthands <c>outer</c>, <c>left</c>, <c>right</c> and <c>full</c> are rejected.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="how"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is not a join type.</exception>
    public static JoinType Parse(string how)
    {
        ArgumentNullException.ThrowIfNull(how);
        return how.Trim().ToLowerInvariant() switch
        {
            "inner" => JoinType.Inner,
            "semi" or "left_semi" => JoinType.LeftSemi,
            "anti" or "left_anti" => JoinType.LeftAnti,
            "left_outer" => JoinType.LeftOuter,
            "right_outer" => JoinType.RightOuter,
            "full_outer" => JoinType.FullOuter,
            "cross" => JoinType.Cross,
            _ => throw new ArgumentException(
                $"'{how}' is not a join type; expected one of inner, semi, left_semi, anti, left_anti, left_outer, right_outer, full_outer, cross",
                nameof(how)),
        };
    }

    /// <summary>Fugue's canonical name of a join type (<c>left_semi</c>, <c>full_outer</c>, ...).</summary>
    public static string ToName(this JoinType how) => how switch
    {
        JoinType.Inner => "inner",
        JoinType.LeftSemi => "left_semi",
        JoinType.LeftAnti => "left_anti",
        JoinType.LeftOuter => "left_outer",
        JoinType.RightOuter => "right_outer",
        JoinType.FullOuter => "full_outer",
        JoinType.Cross => "cross",
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, null),
    };
}
