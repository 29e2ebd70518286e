namespace Fugue.IO.Parquet;

/// <summary>The comparison of a <see cref="ParquetFilter"/> column predicate.</summary>
public enum ParquetComparison
{
    /// <summary><c>column = value</c>.</summary>
    Equal,

    /// <summary><c>column &lt; value</c>.</summary>
    LessThan,

    /// <summary><c>column &lt;= value</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>column &gt; value</c>.</summary>
    GreaterThan,

    /// <summary><c>column &gt;= value</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>column IS NULL</c>.</summary>
    IsNull,

    /// <summary><c>column IS NOT NULL</c>.</summary>
    IsNotNull,
}
