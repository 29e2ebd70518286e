using System.Collections.Generic;
using Fugue.Generators.Schemas;

namespace Fugue.Generators.Rules;

/// <summary>
/// The generator's reading of an extension's validation rules (the same semantics as the runtime's
/// <c>ValidationRules</c>): used to check the rule strings at compile time (FUG017) and constant partition specs at
/// call sites (FUG019). Not cached in the incremental pipeline (the spec keeps the raw strings).
/// </summary>
internal sealed class ValidationRuleSet
{
    public const string PartitionByHas = nameof(PartitionByHas);
    public const string PartitionByIs = nameof(PartitionByIs);
    public const string PresortHas = nameof(PresortHas);
    public const string PresortIs = nameof(PresortIs);
    public const string InputHas = nameof(InputHas);
    public const string InputIs = nameof(InputIs);

    /// <summary>The attribute properties, in the order they are emitted and checked.</summary>
    public static readonly string[] Names = { PartitionByHas, PartitionByIs, PresortHas, PresortIs, InputHas, InputIs };

    public List<string> ByHas { get; } = new();

    public List<string> ByIs { get; } = new();

    public List<KeyValuePair<string, bool>> SortHas { get; } = new();

    public List<KeyValuePair<string, bool>> SortIs { get; } = new();

    public bool HasPartitionRules => ByHas.Count + ByIs.Count + SortHas.Count + SortIs.Count > 0;

    /// <summary>Parses one rule string into this set.</summary>
    /// <exception cref="SchemaSyntaxException">The string is malformed (position and reason).</exception>
    public void Add(string rule, string text)
    {
        switch (rule)
        {
            case PartitionByHas:
                ByHas.AddRange(RuleSyntax.Keys(text));
                break;
            case PartitionByIs:
                ByIs.AddRange(RuleSyntax.Keys(text));
                break;
            case PresortHas:
                SortHas.AddRange(RuleSyntax.Presort(text));
                break;
            case PresortIs:
                SortIs.AddRange(RuleSyntax.Presort(text));
                break;
            case InputHas:
                RuleSyntax.Columns(text);
                break;
            case InputIs:
                SchemaExpressionParser.Parse(text);
                break;
        }
    }

    /// <summary>
    /// The first partition rule a spec with keys <paramref name="by"/> and <paramref name="presort"/> breaks, as
    /// (rule, detail), or null when it meets them all.
    /// </summary>
    public KeyValuePair<string, string>? Check(IReadOnlyList<string> by, IReadOnlyList<KeyValuePair<string, bool>> presort)
    {
        var actualKeys = by.Count == 0 ? "no partition keys" : "partition keys " + string.Join(",", by);
        foreach (var (rule, keys) in new[] { (PartitionByHas, ByHas), (PartitionByIs, ByIs) })
        {
            foreach (var key in keys)
            {
                if (!Contains(by, key))
                {
                    return new KeyValuePair<string, string>(rule, "'" + key + "' is not a partition key; the call has " + actualKeys);
                }
            }

            if (rule == PartitionByIs && keys.Count > 0 && by.Count != keys.Count)
            {
                return new KeyValuePair<string, string>(rule, "the call has " + actualKeys + ", which has more keys than the rule");
            }
        }

        var actualSort = presort.Count == 0 ? "no presort" : "presort " + RuleSyntax.Format(presort);
        foreach (var key in SortHas)
        {
            var found = false;
            foreach (var p in presort)
            {
                if (p.Key == key.Key)
                {
                    found = true;
                    if (p.Value != key.Value)
                    {
                        return new KeyValuePair<string, string>(PresortHas, "'" + key.Key + "' is presorted " + (p.Value ? "ascending" : "descending") + " where the rule needs " + (key.Value ? "ascending" : "descending"));
                    }
                }
            }

            if (!found)
            {
                return new KeyValuePair<string, string>(PresortHas, "'" + key.Key + "' is not in the presort; the call has " + actualSort);
            }
        }

        if (SortIs.Count > 0 && RuleSyntax.Format(SortIs) != RuleSyntax.Format(presort))
        {
            return new KeyValuePair<string, string>(PresortIs, "the call has " + actualSort);
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }
}
