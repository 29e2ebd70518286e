namespace Fugue.Transformers;

/// <summary>
/// Base of the extension attributes that accept validation rules (spec 4.4: Fugue's <c>partitionby_has</c>,
/// <c>partitionby_is</c>, <c>presort_has</c>, <c>presort_is</c>, <c>input_has</c>, <c>input_is</c>). The generator
/// checks each rule's syntax at compile time (FUG017) and, where a call passes a constant partition spec, the
/// partition rules at the call site (FUG019); engines check the rest at run time with <see cref="TransformerValidation"/>.
/// Co-transformers take no rules, as in Fugue.
/// </summary>
public abstract class ExtensionRulesAttribute : Attribute
{
    /// <summary>Comma-separated keys that must all be partition keys of the call, e.g. <c>"a,b"</c>.</summary>
    public string? PartitionByHas { get; set; }

    /// <summary>Comma-separated keys that must be exactly the call's partition keys (in any order).</summary>
    public string? PartitionByIs { get; set; }

    /// <summary>A presort expression, e.g. <c>"a desc, b"</c>: each key must be in the call's presort with that direction.</summary>
    public string? PresortHas { get; set; }

    /// <summary>A presort expression that must be exactly the call's presort, in order and direction.</summary>
    public string? PresortIs { get; set; }

    /// <summary>Comma-separated columns every input must have: <c>"a,b"</c>, or <c>"a:int,b"</c> to check types too.</summary>
    public string? InputHas { get; set; }

    /// <summary>A schema every input must equal, e.g. <c>"a:int,b:str"</c>.</summary>
    public string? InputIs { get; set; }
}
