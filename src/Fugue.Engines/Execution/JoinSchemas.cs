using Fugue.Schemas;

namespace Fugue.Execution;

/// <summary>The keys and output schema of a join (Fugue's <c>get_join_schemas</c>), shared by every engine.</summary>
/// <param name="Keys">The key schema, in the left frame's column order (empty for cross joins).</param>
/// <param name="Output">The output schema: the left columns, then the right non-key columns (only the left ones for semi and anti).</param>
public sealed record JoinSchemas(Schema Keys, Schema Output)
{
    /// <summary>
    /// Resolves the join keys and output schema. Keys are <paramref name="on"/>, or else the columns both frames share
    /// (in <paramref name="left"/>'s order). Unlike Fugue (whose pandas path produces <c>_x</c>/<c>_y</c> columns that then
    /// fail the output cast), a column that both frames share but that is not a key is rejected up front.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="on"/> repeats a name.</exception>
    /// <remarks>Key types must be equal, or both numeric (engines then compare the right keys converted to the left's types).</remarks>
    /// <exception cref="FugueSchemaException">A cross join with keys or shared columns; no shared columns to infer keys
    /// from; a key missing from a side; key types that differ and are not both numeric; a non-key shared column.</exception>
    public static JoinSchemas Resolve(Schema left, Schema right, JoinType how, IReadOnlyList<string>? on = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        on ??= [];
        var dup = on.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"join keys [{string.Join(", ", on)}] repeat '{dup.Key}'", nameof(on));
        }

        var common = left.Names.Where(right.Contains).ToList();
        if (how == JoinType.Cross)
        {
            if (on.Count > 0)
            {
                throw new FugueSchemaException($"a cross join takes no keys, got [{string.Join(", ", on)}]");
            }

            if (common.Count > 0)
            {
                throw new FugueSchemaException(
                    $"a cross join needs frames without common columns, but '{left}' and '{right}' share [{string.Join(", ", common)}]");
            }

            return new JoinSchemas(Schema.Empty, left + right);
        }

        List<string> keys;
        if (on.Count == 0)
        {
            if (common.Count == 0)
            {
                throw new FugueSchemaException($"cannot infer {how.ToName()} join keys: '{left}' and '{right}' share no column");
            }

            keys = common;
        }
        else
        {
            foreach (var k in on)
            {
                if (!left.Contains(k) || !right.Contains(k))
                {
                    throw new FugueSchemaException($"join key '{k}' must be in both '{left}' and '{right}'");
                }
            }

            keys = on.ToList();
        }

        var nonKey = common.Where(c => !keys.Contains(c, StringComparer.Ordinal)).ToList();
        if (nonKey.Count > 0)
        {
            throw new FugueSchemaException(
                $"columns [{string.Join(", ", nonKey)}] are in both '{left}' and '{right}' but are not join keys [{string.Join(", ", keys)}]; rename or drop them first");
        }

        foreach (var k in keys)
        {
            var lt = left[k].Type;
            var rt = right[k].Type;
            if (!lt.Equals(rt) && !(lt.IsNumeric && rt.IsNumeric))
            {
                throw new FugueSchemaException($"join key '{k}' is {lt} on the left but {rt} on the right; cast one side first");
            }
        }

        var keySchema = left.Intersect(keys);
        var output = how is JoinType.LeftSemi or JoinType.LeftAnti ? left : left.Union(right);
        return new JoinSchemas(keySchema, output);
    }
}
