using Fugue.Columnar;

namespace Fugue.IO.Parquet;

/// <summary>
/// Shreds a nested Fugue column into the repetition and definition levels of one Parquet leaf (Dremel striping),
/// walking offsets and validity bitmaps directly; the leaf's values are selected by a mask over the leaf column,
/// so no per-value objects are created.
/// </summary>
internal sealed class NestedColumnShredder
{
    private readonly (ParquetSchemaNode Node, int Child)[] _path;
    private readonly List<int> _rep = [];
    private readonly List<int> _def = [];
    private int[] _mask = [];

    private NestedColumnShredder((ParquetSchemaNode, int)[] path) => _path = path;

    /// <summary>The physical data of <paramref name="leaf"/> (under top-level <paramref name="field"/>) for <paramref name="column"/>.</summary>
    public static PhysicalColumnData Shred(ParquetSchemaNode field, ParquetSchemaNode leaf, Column column)
    {
        var path = new List<(ParquetSchemaNode, int)>();
        if (!Find(field, leaf, path))
        {
            throw new ArgumentException($"Leaf '{leaf.Name}' is not under field '{field.Name}'.", nameof(leaf));
        }

        var shredder = new NestedColumnShredder([.. path]);
        var leafColumn = column;
        foreach (var (node, child) in shredder._path)
        {
            leafColumn = Descend(node, child, leafColumn);
        }

        shredder._mask = new int[leafColumn.Length];
        for (var i = 0; i < column.Length; i++)
        {
            shredder.Emit(0, column, i, 0, 0);
        }

        var data = PhysicalColumnData.From(leafColumn, leaf.Element!, shredder._mask);
        data.Levels = [.. shredder._def];
        data.RepLevels = leaf.MaxRep > 0 ? [.. shredder._rep] : null;
        data.MaxDef = leaf.DefLevel;
        data.MaxRep = leaf.MaxRep;
        data.Rows = shredder._def.Count;
        return data;
    }

    private static bool Find(ParquetSchemaNode node, ParquetSchemaNode leaf, List<(ParquetSchemaNode, int)> path)
    {
        if (node == leaf)
        {
            path.Add((node, -1));
            return true;
        }

        for (var c = 0; c < node.Children.Length; c++)
        {
            path.Add((node, c));
            if (Find(node.Children[c], leaf, path))
            {
                return true;
            }

            path.RemoveAt(path.Count - 1);
        }

        return false;
    }

    private static Column Descend(ParquetSchemaNode node, int child, Column column) => node.Kind switch
    {
        ParquetNodeKind.Struct => ((StructColumn)column).Children[child],
        ParquetNodeKind.List => ((ListColumn)column).Values,
        ParquetNodeKind.Map => child == 0 ? ((MapColumn)column).Keys : ((MapColumn)column).Items,
        _ => column,
    };

    private void Emit(int step, Column column, int i, int rep, int def)
    {
        var (node, child) = _path[step];
        if (node.Nullable && column.IsNull(i))
        {
            Add(rep, def);
            return;
        }

        switch (node.Kind)
        {
            case ParquetNodeKind.Leaf:
                Add(rep, node.DefLevel);
                _mask[i] = 1;
                return;
            case ParquetNodeKind.Struct:
                Emit(step + 1, ((StructColumn)column).Children[child], i, rep, node.DefLevel);
                return;
            default:
            {
                ReadOnlySpan<int> offsets;
                Column items;
                if (column is ListColumn list)
                {
                    offsets = list.Offsets;
                    items = list.Values;
                }
                else
                {
                    var map = (MapColumn)column;
                    offsets = map.Offsets;
                    items = child == 0 ? map.Keys : map.Items;
                }

                int start = offsets[i], end = offsets[i + 1];
                if (start == end)
                {
                    Add(rep, node.DefLevel);
                    return;
                }

                for (var k = start; k < end; k++)
                {
                    Emit(step + 1, items, k, k == start ? rep : node.RepLevel, node.RepeatedDefLevel);
                }

                return;
            }
        }
    }

    private void Add(int rep, int def)
    {
        _rep.Add(rep);
        _def.Add(def);
    }
}
