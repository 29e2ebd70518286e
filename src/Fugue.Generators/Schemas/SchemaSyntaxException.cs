using System;

namespace Fugue.Generators.Schemas;

/// <summary>A schema expression error at a zero-based position of the expression text.</summary>
internal sealed class SchemaSyntaxException : Exception
{
    public SchemaSyntaxException(int position, string reason, bool isDuplicate = false)
        : base(reason)
    {
        Position = position;
        Reason = reason;
        IsDuplicate = isDuplicate;
    }

    public int Position { get; }

    public string Reason { get; }

    /// <summary>True when the error is a duplicate column name (its own diagnostic).</summary>
    public bool IsDuplicate { get; }
}
