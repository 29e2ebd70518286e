using System.Globalization;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Transformers;

/// <summary>
/// An extension's validation rules (spec 4.4), from the attribute properties <c>PartitionByHas</c>,
/// <c>PartitionByIs</c>, <c>PresortHas</c>, <c>PresortIs</c>, <c>InputHas</c> and <c>InputIs</c>, parsed once.
/// <see cref="TransformerValidation"/> checks a call against them. The generator validates the rule strings at
/// compile time (FUG017), so a generated adapter's rules always parse.
/// </summary>
public sealed class ValidationRules
{
    /// <summary>Creates the rules of <paramref name="owner"/>; null or empty strings mean "no such rule".</summary>
    /// <param name="owner">The extension's registry name (for messages).</param>
    /// <param name="partitionByHas">Comma-separated keys that must all be among the partition keys.</param>
    /// <param name="partitionByIs">Comma-separated keys that must be exactly the partition keys (in any order).</param>
    /// <param name="presortHas">A presort expression (<c>a desc, b</c>) whose keys must be in the presort with the same direction.</param>
    /// <param name="presortIs">A presort expression that must be exactly the presort, in order and direction.</param>
    /// <param name="inputHas">Comma-separated columns (<c>a</c> or <c>a:int</c>) every input must have.</param>
    /// <param name="inputIs">A schema every input must equal.</param>
    /// <exception cref="ArgumentException">A rule string is malformed (the message names the rule).</exception>
    public ValidationRules(
        string owner,
        string? partitionByHas = null,
        string? partitionByIs = null,
        string? presortHas = null,
        string? presortIs = null,
        string? inputHas = null,
        string? inputIs = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Owner = owner;
        PartitionByHas = Keys(partitionByHas, nameof(PartitionByHas));
        PartitionByIs = Keys(partitionByIs, nameof(PartitionByIs));
        PresortHas = Presort(presortHas, nameof(PresortHas));
        PresortIs = Presort(presortIs, nameof(PresortIs));
        InputHas = Columns(inputHas, nameof(InputHas));
        InputIs = string.IsNullOrWhiteSpace(inputIs) ? null : Parse(inputIs, nameof(InputIs), Schema.Parse);
    }

    /// <summary>No rules.</summary>
    public static ValidationRules None { get; } = new("(none)");

    /// <summary>The extension's registry name.</summary>
    public string Owner { get; }

    /// <summary>Keys that must all be among the partition keys.</summary>
    public IReadOnlyList<string> PartitionByHas { get; }

    /// <summary>Keys that must be exactly the partition keys (order does not matter, as in Fugue).</summary>
    public IReadOnlyList<string> PartitionByIs { get; }

    /// <summary>Presort keys that must be in the presort with the same direction.</summary>
    public IReadOnlyList<PresortKey> PresortHas { get; }

    /// <summary>The exact presort (order and direction).</summary>
    public IReadOnlyList<PresortKey> PresortIs { get; }

    /// <summary>Columns every input must have: a name, or <c>name:type</c> to check the type too.</summary>
    public IReadOnlyList<string> InputHas { get; }

    /// <summary>The schema every input must equal, or null.</summary>
    public Schema? InputIs { get; }

    /// <summary>Whether there are partition-spec rules (checked when the call is made).</summary>
    public bool HasPartitionRules => PartitionByHas.Count + PartitionByIs.Count + PresortHas.Count + PresortIs.Count > 0;

    /// <summary>Whether there are input rules (checked against the input schemas).</summary>
    public bool HasInputRules => InputHas.Count > 0 || InputIs is not null;

    /// <summary>Whether there are no rules at all.</summary>
    public bool IsEmpty => !HasPartitionRules && !HasInputRules;

    private static IReadOnlyList<string> Keys(string? text, string rule)
    {
        var items = SplitTopLevel(text, rule);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{rule} rule \"{text}\": key '{item}' is listed twice."), rule);
            }
        }

        return items;
    }

    private static IReadOnlyList<PresortKey> Presort(string? text, string rule) =>
        string.IsNullOrWhiteSpace(text) ? [] : Parse(text, rule, t => new PartitionSpec(presort: t).Presort);

    private static IReadOnlyList<string> Columns(string? text, string rule)
    {
        var items = SplitTopLevel(text, rule);
        foreach (var item in items)
        {
            if (item.Contains(':', StringComparison.Ordinal))
            {
                Parse(item, rule, Schema.Parse);
            }
        }

        return items;
    }

    private static T Parse<T>(string text, string rule, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FugueSchemaException or FuguePartitionSpecException or FormatException)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{rule} rule \"{text}\": {e.Message}"), rule, e);
        }
    }

    /// <summary>Comma-separated items, trimmed; commas inside brackets or backticks do not split (<c>a:[int],b</c>).</summary>
    internal static List<string> SplitTopLevel(string? text, string rule)
    {
        var items = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return items;
        }

        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c == '`')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or '{' or '<' or '(')
            {
                depth++;
            }
            else if (!quoted && c is ']' or '}' or '>' or ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                var item = text[start..i].Trim();
                if (item.Length == 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{rule} rule \"{text}\": empty item at position {start}."), rule);
                }

                items.Add(item.Length > 1 && item[0] == '`' && item[^1] == '`' && !item.Contains(':', StringComparison.Ordinal) ? item[1..^1].Replace("``", "`", StringComparison.Ordinal) : item);
                start = i + 1;
            }
        }

        return items;
    }
}
