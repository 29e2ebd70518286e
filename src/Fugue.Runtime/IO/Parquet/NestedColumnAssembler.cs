using System.Globalization;
using System.Runtime.InteropServices;
using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// Rebuilds nested Fugue columns (lists, structs, maps) from the repetition and definition levels of their leaves
/// (Dremel record assembly), straight into offsets and validity buffers.
/// </summary>
/// <remarks>
/// The slots of a node are the level entries <c>j</c> with <c>rep[j] &lt;= R</c> and <c>def[j] &gt;= D</c>, where
/// <c>(R, D)</c> are the repetition level and element definition level of the innermost enclosing list (or
/// <c>(0, 0)</c> at the top). A slot is non-null when <c>def[j]</c> reaches the node's own definition level; a list
/// element belongs to the latest list slot at or before it. Structure is read from the first leaf under a node;
/// every child's length is checked against it, so inconsistent leaves fail as <see cref="ParquetFormatException"/>.
/// </remarks>
internal static class NestedColumnAssembler
{
    /// <summary>Assembles the column of <paramref name="node"/> (a top-level field) from its leaves' readers.</summary>
    public static Column Assemble(ParquetSchemaNode node, IReadOnlyDictionary<int, ColumnChunkReader> leaves, int rows)
    {
        var column = Build(node, 0, 0, leaves);
        if (column.Length != rows)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Nested column '{node.Name}' assembles to {column.Length} rows, the row group has {rows}"));
        }

        return column;
    }

    private static Column Build(ParquetSchemaNode node, int r, int d, IReadOnlyDictionary<int, ColumnChunkReader> leaves)
    {
        if (node.Kind == ParquetNodeKind.Leaf)
        {
            return leaves[node.LeafIndex].BuildColumn(node.Type);
        }

        var first = leaves[node.FirstLeaf.LeafIndex];
        var rep = first.RepLevels;
        var def = first.DefLevels;
        var slots = 0;
        for (var j = 0; j < def.Length; j++)
        {
            if (rep[j] <= r && def[j] >= d)
            {
                slots++;
            }
        }

        var validity = new byte[(slots + 7) >> 3];
        var nulls = 0;
        if (node.Kind == ParquetNodeKind.Struct)
        {
            var k = 0;
            for (var j = 0; j < def.Length; j++)
            {
                if (rep[j] <= r && def[j] >= d)
                {
                    if (def[j] >= node.DefLevel)
                    {
                        validity[k >> 3] |= (byte)(1 << (k & 7));
                    }
                    else
                    {
                        nulls++;
                    }

                    k++;
                }
            }

            var children = new Column[node.Children.Length];
            for (var c = 0; c < children.Length; c++)
            {
                children[c] = Check(Build(node.Children[c], r, d, leaves), slots, node);
            }

            return new StructColumn((StructType)node.Type, slots, children, nulls == 0 ? default : new ArrowBuffer(validity), nulls);
        }

        // List or map: offsets from the first leaf.
        var offsets = new int[slots + 1];
        var elements = 0;
        var slot = -1;
        var er = node.RepLevel;
        var ed = node.RepeatedDefLevel;
        for (var j = 0; j < def.Length; j++)
        {
            if (rep[j] <= r && def[j] >= d)
            {
                slot++;
                offsets[slot] = elements;
                if (def[j] >= node.DefLevel)
                {
                    validity[slot >> 3] |= (byte)(1 << (slot & 7));
                }
                else
                {
                    nulls++;
                }
            }

            if (rep[j] <= er && def[j] >= ed)
            {
                if (slot < 0)
                {
                    throw new ParquetFormatException($"Column '{node.Name}' has a list element before any list");
                }

                elements++;
            }
        }

        offsets[slots] = elements;
        var offsetBuffer = new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray());
        var validityBuffer = nulls == 0 ? default : new ArrowBuffer(validity);
        if (node.Kind == ParquetNodeKind.List)
        {
            var items = Check(Build(node.Children[0], er, ed, leaves), elements, node);
            return new ListColumn((ListType)node.Type, slots, offsetBuffer, items, validityBuffer, nulls);
        }

        var mapType = (MapType)node.Type;
        var keys = Check(Build(node.Children[0], er, ed, leaves), elements, node);
        var values = Check(Build(node.Children[1], er, ed, leaves), elements, node);
        var entries = new StructColumn(mapType.EntryType, elements, [keys, values]);
        return new MapColumn(mapType, slots, offsetBuffer, entries, validityBuffer, nulls);
    }

    private static Column Check(Column child, int expected, ParquetSchemaNode parent)
    {
        if (child.Length != expected)
        {
            throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture,
                $"Column '{parent.Name}': a child assembles to {child.Length} values, its parent's levels give {expected}"));
        }

        return child;
    }
}
