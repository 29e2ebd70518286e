using System.Globalization;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>The shape of a Parquet schema node as Fugue sees it.</summary>
internal enum ParquetNodeKind
{
    /// <summary>A primitive column.</summary>
    Leaf,

    /// <summary>A group that is not a list or map.</summary>
    Struct,

    /// <summary>A LIST group (any of the accepted encodings) or a bare repeated field.</summary>
    List,

    /// <summary>A MAP group with a repeated key/value group.</summary>
    Map,
}

/// <summary>
/// One field of a Parquet schema tree with its Dremel levels: the definition level at which the node is present,
/// and for lists and maps the repetition level and definition level of their repeated group. Built from the
/// footer's flattened schema (reading) or from a Fugue schema (writing), so both directions share one level model.
/// </summary>
internal sealed class ParquetSchemaNode
{
    private const int MaxDepth = 64;

    private ParquetSchemaNode(ParquetNodeKind kind, string name, DataType type)
    {
        Kind = kind;
        Name = name;
        Type = type;
    }

    public ParquetNodeKind Kind { get; }

    public string Name { get; }

    public DataType Type { get; }

    /// <summary>True when the node itself is OPTIONAL (a null here costs one definition level).</summary>
    public bool Nullable { get; private init; }

    /// <summary>Definition level of a present (non-null) value of this node.</summary>
    public int DefLevel { get; private init; }

    /// <summary>Lists and maps: the repetition level of their repeated group.</summary>
    public int RepLevel { get; private init; }

    /// <summary>Lists and maps: the definition level of an existing element (the list is non-empty).</summary>
    public int RepeatedDefLevel { get; private init; }

    /// <summary>Struct fields; the list element; the map key and value.</summary>
    public ParquetSchemaNode[] Children { get; private init; } = [];

    /// <summary>Leaves: the Parquet element.</summary>
    public SchemaElement? Element { get; private init; }

    /// <summary>Leaves: index among all leaves (column chunk order).</summary>
    public int LeafIndex { get; private set; }

    /// <summary>Leaves: the maximum repetition level.</summary>
    public int MaxRep { get; private init; }

    /// <summary>Leaves: the definition level at which a leaf slot exists (the innermost list's element level, or 0).</summary>
    public int SlotDef { get; private init; }

    /// <summary>Leaves: the definition level of each repeated ancestor, indexed by repetition level (entry 0 unused).</summary>
    public int[] RepeatedDefs { get; private init; } = [0];

    /// <summary>Leaves: the path in the schema (for column chunk metadata).</summary>
    public string[] Path { get; private init; } = [];

    /// <summary>True for a top-level primitive column (no levels beyond one optional definition level).</summary>
    public bool IsFlat => Kind == ParquetNodeKind.Leaf && MaxRep == 0 && Path.Length == 1;

    /// <summary>The first leaf under this node (its levels describe this node's slots).</summary>
    public ParquetSchemaNode FirstLeaf => Kind == ParquetNodeKind.Leaf ? this : Children[0].FirstLeaf;

    /// <summary>All leaves under this node in column chunk order.</summary>
    public IEnumerable<ParquetSchemaNode> Leaves()
    {
        if (Kind == ParquetNodeKind.Leaf)
        {
            yield return this;
            yield break;
        }

        foreach (var c in Children)
        {
            foreach (var l in c.Leaves())
            {
                yield return l;
            }
        }
    }

    /// <summary>Parses the top-level fields of a flattened Parquet schema (element 0 is the root).</summary>
    /// <exception cref="ParquetFormatException">The tree is malformed.</exception>
    /// <exception cref="NotSupportedException">A group cannot be represented as a Fugue type.</exception>
    public static ParquetSchemaNode[] Parse(IReadOnlyList<SchemaElement> schema, string? file)
    {
        if (schema.Count == 0)
        {
            throw new ParquetFormatException("Parquet schema is empty", file, -1);
        }

        var root = schema[0];
        var count = root.NumChildren ?? 0;
        if (count <= 0 || count > schema.Count - 1)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Parquet schema root declares {count} children but {schema.Count - 1} elements follow"), file, -1);
        }

        var ctx = new ParseContext(schema, file);
        var pos = 1;
        var fields = new ParquetSchemaNode[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = ctx.Parse(ref pos, 0, 0, [0], [], false, 1);
        }

        if (pos != schema.Count)
        {
            throw new ParquetFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Parquet schema has {schema.Count - pos} elements after the root's {count} fields"), file, -1);
        }

        var leaf = 0;
        foreach (var f in fields)
        {
            foreach (var l in f.Leaves())
            {
                l.LeafIndex = leaf++;
            }
        }

        return fields;
    }

    /// <summary>The flattened Parquet elements for a Fugue field (every node OPTIONAL except map keys).</summary>
    public static void ToElements(Field field, bool required, List<SchemaElement> output)
    {
        var repetition = required ? FieldRepetitionType.Required : FieldRepetitionType.Optional;
        var t = field.Type;
        switch (t)
        {
            case StructType s:
                output.Add(new SchemaElement { Name = field.Name, RepetitionType = repetition, NumChildren = s.Fields.Count });
                foreach (var f in s.Fields)
                {
                    ToElements(f, false, output);
                }

                break;
            case ListType l:
                output.Add(new SchemaElement
                {
                    Name = field.Name, RepetitionType = repetition, NumChildren = 1,
                    LogicalType = LogicalType.List, ConvertedType = ConvertedType.List,
                });
                output.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                ToElements(new Field("element", l.ItemType), false, output);
                break;
            case MapType m:
                output.Add(new SchemaElement
                {
                    Name = field.Name, RepetitionType = repetition, NumChildren = 1,
                    LogicalType = LogicalType.Map, ConvertedType = ConvertedType.Map,
                });
                output.Add(new SchemaElement { Name = "key_value", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 2 });
                ToElements(new Field("key", m.KeyType), true, output);
                ToElements(new Field("value", m.ValueType), false, output);
                break;
            default:
            {
                var e = ParquetTypeMapping.ToSchemaElement(field);
                e.RepetitionType = repetition;
                output.Add(e);
                break;
            }
        }
    }

    private sealed class ParseContext(IReadOnlyList<SchemaElement> schema, string? file)
    {
        /// <summary>Parses the element at <paramref name="pos"/>; <paramref name="asRequired"/> treats a repeated element whose repetition the caller already counted as required.</summary>
        public ParquetSchemaNode Parse(ref int pos, int def, int rep, int[] repDefs, string[] path, bool asRequired, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ParquetFormatException(string.Create(CultureInfo.InvariantCulture, $"Parquet schema nests deeper than {MaxDepth} levels"), file, -1);
            }

            if (pos >= schema.Count)
            {
                throw new ParquetFormatException("Parquet schema ends inside a group (num_children exceeds the elements)", file, -1);
            }

            var e = schema[pos];
            var repetition = asRequired ? FieldRepetitionType.Required : e.RepetitionType ?? FieldRepetitionType.Required;
            if (repetition == FieldRepetitionType.Repeated)
            {
                // A repeated field outside a LIST group is a required list of required elements.
                var element = Parse(ref pos, def + 1, rep + 1, [.. repDefs, def + 1], path, true, depth + 1);
                return new ParquetSchemaNode(ParquetNodeKind.List, e.Name, DataType.List(element.Type))
                {
                    DefLevel = def, RepLevel = rep + 1, RepeatedDefLevel = def + 1, Children = [element],
                };
            }

            var nullable = repetition == FieldRepetitionType.Optional;
            var nodeDef = def + (nullable ? 1 : 0);
            var myPath = path.Length == 0 ? [e.Name] : (string[])[.. path, e.Name];
            pos++;
            var children = e.NumChildren ?? 0;
            if (children == 0)
            {
                if (e.Type is null)
                {
                    throw new ParquetFormatException($"Parquet schema element '{e.Name}' has neither a type nor children", file, -1);
                }

                return new ParquetSchemaNode(ParquetNodeKind.Leaf, e.Name, ParquetTypeMapping.ToDataType(e))
                {
                    Nullable = nullable, DefLevel = nodeDef, Element = e, MaxRep = rep, SlotDef = repDefs[rep],
                    RepeatedDefs = repDefs, Path = myPath,
                };
            }

            if (children < 0 || children > schema.Count - pos)
            {
                throw new ParquetFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Parquet group '{e.Name}' declares {children} children, {schema.Count - pos} elements remain"), file, -1);
            }

            var isList = e.LogicalType?.Kind == LogicalTypeKind.List || (e.LogicalType is null && e.ConvertedType == ConvertedType.List);
            var isMap = e.LogicalType?.Kind == LogicalTypeKind.Map
                || (e.LogicalType is null && e.ConvertedType is ConvertedType.Map or ConvertedType.MapKeyValue);
            if (isList || isMap)
            {
                var inner = schema[pos];
                if (children != 1 || inner.RepetitionType != FieldRepetitionType.Repeated)
                {
                    throw new ParquetFormatException($"Parquet {(isList ? "LIST" : "MAP")} group '{e.Name}' must have exactly one repeated child", file, -1);
                }

                var elemDef = nodeDef + 1;
                var elemRep = rep + 1;
                int[] defs = [.. repDefs, elemDef];
                if (isMap)
                {
                    if (inner.NumChildren != 2)
                    {
                        throw new NotSupportedException($"Parquet MAP '{e.Name}' has a key/value group with {inner.NumChildren ?? 0} fields; only key and value are supported.");
                    }

                    pos++;
                    string[] kvPath = [.. myPath, inner.Name];
                    var key = Parse(ref pos, elemDef, elemRep, defs, kvPath, false, depth + 2);
                    var value = Parse(ref pos, elemDef, elemRep, defs, kvPath, false, depth + 2);
                    return new ParquetSchemaNode(ParquetNodeKind.Map, e.Name, DataType.Map(key.Type, value.Type))
                    {
                        Nullable = nullable, DefLevel = nodeDef, RepLevel = elemRep, RepeatedDefLevel = elemDef, Children = [key, value],
                    };
                }

                ParquetSchemaNode item;
                var innerChildren = inner.NumChildren ?? 0;
                if (innerChildren == 0 || innerChildren > 1 || inner.Name == "array" || inner.Name == e.Name + "_tuple")
                {
                    // Backward-compatible 2-level forms: the repeated field itself is the (required) element.
                    item = Parse(ref pos, elemDef, elemRep, defs, myPath, true, depth + 1);
                }
                else
                {
                    pos++;
                    item = Parse(ref pos, elemDef, elemRep, defs, [.. myPath, inner.Name], false, depth + 2);
                }

                return new ParquetSchemaNode(ParquetNodeKind.List, e.Name, DataType.List(item.Type))
                {
                    Nullable = nullable, DefLevel = nodeDef, RepLevel = elemRep, RepeatedDefLevel = elemDef, Children = [item],
                };
            }

            var fields = new ParquetSchemaNode[children];
            for (var i = 0; i < children; i++)
            {
                fields[i] = Parse(ref pos, nodeDef, rep, repDefs, myPath, false, depth + 1);
            }

            return new ParquetSchemaNode(ParquetNodeKind.Struct, e.Name, DataType.Struct(fields.Select(f => new Field(f.Name, f.Type))))
            {
                Nullable = nullable, DefLevel = nodeDef, Children = fields,
            };
        }
    }
}
