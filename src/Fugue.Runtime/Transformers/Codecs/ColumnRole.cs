namespace Fugue.Transformers.Codecs;

/// <summary>Whether a binder reads an input frame or writes an output schema.</summary>
public enum ColumnRole
{
    /// <summary>Reading rows from an input frame (extra columns allowed, safe widening allowed).</summary>
    Input,

    /// <summary>Writing rows into the output schema (every column needs a member).</summary>
    Output,
}
