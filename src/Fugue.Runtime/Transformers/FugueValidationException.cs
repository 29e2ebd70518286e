namespace Fugue.Transformers;

/// <summary>
/// A call broke one of an extension's validation rules (Fugue's <c>FugueWorkflowCompileValidationError</c> for the
/// partition rules and <c>FugueWorkflowRuntimeValidationError</c> for the input rules): the message names the
/// extension, the rule and what was found.
/// </summary>
public sealed class FugueValidationException : FugueTransformerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="extension">The extension's registry name.</param>
    /// <param name="rule">The rule's attribute property, e.g. <c>PartitionByHas</c>.</param>
    /// <param name="message">The full message.</param>
    public FugueValidationException(string extension, string rule, string message)
        : base(message)
    {
        Extension = extension;
        Rule = rule;
    }

    /// <summary>The extension's registry name.</summary>
    public string Extension { get; }

    /// <summary>The broken rule's attribute property: PartitionByHas, PartitionByIs, PresortHas, PresortIs, InputHas or InputIs.</summary>
    public string Rule { get; }

    /// <summary>Whether the rule is about the input schema (checked when the frames are known) rather than the partition spec.</summary>
    public bool IsInputRule => Rule is nameof(ValidationRules.InputHas) or nameof(ValidationRules.InputIs);
}
