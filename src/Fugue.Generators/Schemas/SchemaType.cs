using System.Collections.Generic;
using System.Linq;

namespace Fugue.Generators.Schemas;

/// <summary>
/// A parsed schema type, the generator's own small model (it cannot load the runtime's). Canonical text
/// follows the runtime: aliases print as their canonical names and any tz-naive timestamp prints as datetime.
/// </summary>
internal sealed class SchemaType
{
    private SchemaType(string name, string text)
    {
        Name = name;
        Text = text;
    }

    /// <summary>Canonical base name: int, str, decimal, timestamp, list, struct, map, ...</summary>
    public string Name { get; }

    /// <summary>Canonical text of the whole type.</summary>
    public string Text { get; }

    public SchemaType? Item { get; private set; }

    public SchemaType? Key { get; private set; }

    public SchemaType? Value { get; private set; }

    public IReadOnlyList<SchemaField> Fields { get; private set; } = new SchemaField[0];

    public static SchemaType Primitive(string name) => new(name, name);

    public static SchemaType Decimal(int precision, int scale) =>
        new("decimal", scale == 0
            ? "decimal(" + precision.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
            : "decimal(" + precision.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + scale.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");

    public static SchemaType Timestamp(string unit, string? timeZone) =>
        new("timestamp", timeZone is null ? "datetime" : "timestamp(" + unit + "," + timeZone + ")");

    public static SchemaType List(SchemaType item) => new("list", "[" + item.Text + "]") { Item = item };

    public static SchemaType Map(SchemaType key, SchemaType value) =>
        new("map", "<" + key.Text + "," + value.Text + ">") { Key = key, Value = value };

    public static SchemaType Struct(IReadOnlyList<SchemaField> fields) =>
        new("struct", "{" + string.Join(",", fields.Select(f => f.Text)) + "}") { Fields = fields };

    /// <summary>
    /// Whether a value of <paramref name="member"/>'s type can be written as this type: equal, or the same
    /// family where a .NET type covers the whole family (decimal for any decimal(p,s), DateTime for any timestamp).
    /// </summary>
    public bool Accepts(SchemaType member)
    {
        if (Name != member.Name)
        {
            return false;
        }

        switch (Name)
        {
            case "decimal":
            case "timestamp":
                return true;
            case "list":
                return Item!.Accepts(member.Item!);
            case "map":
                return Key!.Accepts(member.Key!) && Value!.Accepts(member.Value!);
            case "struct":
                if (Fields.Count != member.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < Fields.Count; i++)
                {
                    if (Fields[i].Name != member.Fields[i].Name || !Fields[i].Type.Accepts(member.Fields[i].Type))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return Text == member.Text;
        }
    }

    public override string ToString() => Text;
}

/// <summary>A named field of a schema or struct type.</summary>
internal sealed class SchemaField
{
    public SchemaField(string name, SchemaType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public SchemaType Type { get; }

    public string Text => SchemaNames.Quote(Name) + ":" + Type.Text;

    public override string ToString() => Text;
}
