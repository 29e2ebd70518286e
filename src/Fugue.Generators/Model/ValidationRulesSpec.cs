namespace Fugue.Generators.Model;

/// <summary>The attribute's validation rule strings (already checked by the parser), emitted into the adapter.</summary>
internal sealed record ValidationRulesSpec(
    string? PartitionByHas,
    string? PartitionByIs,
    string? PresortHas,
    string? PresortIs,
    string? InputHas,
    string? InputIs);
