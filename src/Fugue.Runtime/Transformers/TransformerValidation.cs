using System.Globalization;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// Checks a call against an extension's <see cref="ValidationRules"/> (spec 4.4). Engines call
/// <see cref="Validate(ValidationRules, PartitionSpec?, Schema?)"/> before running a transformer, processor or
/// outputter; each broken rule throws a <see cref="FugueValidationException"/> naming the extension, the rule, what
/// it requires and what the call has. Where the partition spec is a compile-time constant the analyzer reports the
/// same problems as FUG019 before the program runs.
/// </summary>
public static class TransformerValidation
{
    /// <summary>Checks the partition rules against <paramref name="partitionSpec"/> and the input rules against <paramref name="inputSchema"/>.</summary>
    /// <param name="rules">The extension's rules.</param>
    /// <param name="partitionSpec">The call's partition spec (null = no partitioning).</param>
    /// <param name="inputSchema">The input's schema, or null to skip the input rules (e.g. before the input is known).</param>
    /// <exception cref="FugueValidationException">A rule is broken.</exception>
    public static void Validate(ValidationRules rules, PartitionSpec? partitionSpec, Schema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ValidatePartitionSpec(rules, partitionSpec);
        if (inputSchema is not null)
        {
            ValidateInput(rules, inputSchema);
        }
    }

    /// <summary>Checks the partition rules, then the input rules against every input (processors and outputters).</summary>
    /// <exception cref="FugueValidationException">A rule is broken.</exception>
    public static void Validate(ValidationRules rules, PartitionSpec? partitionSpec, IEnumerable<Schema> inputSchemas)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(inputSchemas);
        ValidatePartitionSpec(rules, partitionSpec);
        foreach (var schema in inputSchemas)
        {
            ValidateInput(rules, schema);
        }
    }

    /// <summary>Checks PartitionByHas, PartitionByIs, PresortHas and PresortIs (Fugue's compile-time rules).</summary>
    /// <exception cref="FugueValidationException">A rule is broken.</exception>
    public static void ValidatePartitionSpec(ValidationRules rules, PartitionSpec? partitionSpec)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.HasPartitionRules)
        {
            return;
        }

        var spec = partitionSpec ?? PartitionSpec.Empty;
        var by = spec.PartitionBy;
        CheckKeys(rules, nameof(ValidationRules.PartitionByHas), rules.PartitionByHas, by, exact: false);
        CheckKeys(rules, nameof(ValidationRules.PartitionByIs), rules.PartitionByIs, by, exact: true);
        CheckPresort(rules, nameof(ValidationRules.PresortHas), rules.PresortHas, spec.Presort, exact: false);
        CheckPresort(rules, nameof(ValidationRules.PresortIs), rules.PresortIs, spec.Presort, exact: true);
    }

    /// <summary>Checks InputHas and InputIs against one input's schema (Fugue's run-time rules).</summary>
    /// <exception cref="FugueValidationException">A rule is broken.</exception>
    public static void ValidateInput(ValidationRules rules, Schema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var item in rules.InputHas)
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                if (!inputSchema.Contains(item))
                {
                    throw Error(rules, nameof(ValidationRules.InputHas), string.Join(",", rules.InputHas),
                        $"the input has no column '{item}'; its schema is {inputSchema}");
                }

                continue;
            }

            var expected = Schema.Parse(item)[0];
            var index = inputSchema.TryIndexOf(expected.Name);
            if (index < 0 || inputSchema[index].Type != expected.Type)
            {
                throw Error(rules, nameof(ValidationRules.InputHas), string.Join(",", rules.InputHas),
                    index < 0
                        ? $"the input has no column '{expected.Name}'; its schema is {inputSchema}"
                        : $"column '{expected.Name}' is {inputSchema[index].Type}, not {expected.Type}; the input schema is {inputSchema}");
            }
        }

        if (rules.InputIs is { } exact && exact != inputSchema)
        {
            throw Error(rules, nameof(ValidationRules.InputIs), exact.ToString(), $"the input schema is {inputSchema}");
        }
    }

    private static void CheckKeys(ValidationRules rules, string rule, IReadOnlyList<string> required, IReadOnlyList<string> by, bool exact)
    {
        if (required.Count == 0)
        {
            return;
        }

        var text = string.Join(",", required);
        var actual = by.Count == 0 ? "no partition keys" : "partition keys " + string.Join(",", by);
        foreach (var key in required)
        {
            if (!by.Contains(key, StringComparer.Ordinal))
            {
                throw Error(rules, rule, text, $"'{key}' is not a partition key; the call has {actual}");
            }
        }

        if (exact && by.Count != required.Count)
        {
            throw Error(rules, rule, text, $"the call has {actual}, which has more keys than the rule");
        }
    }

    private static void CheckPresort(ValidationRules rules, string rule, IReadOnlyList<PresortKey> required, IReadOnlyList<PresortKey> presort, bool exact)
    {
        if (required.Count == 0)
        {
            return;
        }

        var text = string.Join(",", required);
        var actual = presort.Count == 0 ? "no presort" : "presort " + string.Join(",", presort);
        if (exact)
        {
            if (!required.SequenceEqual(presort))
            {
                throw Error(rules, rule, text, $"the call has {actual}");
            }

            return;
        }

        foreach (var key in required)
        {
            var found = presort.Where(p => p.Name == key.Name).Select(p => (PresortKey?)p).FirstOrDefault();
            if (found is null)
            {
                throw Error(rules, rule, text, $"'{key.Name}' is not in the presort; the call has {actual}");
            }

            if (found.Value.Ascending != key.Ascending)
            {
                throw Error(rules, rule, text, $"'{key.Name}' is presorted {(found.Value.Ascending ? "ascending" : "descending")} where the rule needs {(key.Ascending ? "ascending" : "descending")}");
            }
        }
    }

    private static FugueValidationException Error(ValidationRules rules, string rule, string text, string detail) =>
        new(rules.Owner, rule, string.Create(CultureInfo.InvariantCulture,
            $"'{rules.Owner}' requires {rule} = \"{text}\", but {detail}."));
}
