using Fugue.Columnar;
using Fugue.IO.Parquet.Metadata;
using Fugue.Schemas;

namespace Fugue.IO.Parquet;

/// <summary>
/// The Fugue schema string stored in the footer's key/value metadata under <see cref="Key"/>, so types Parquet
/// cannot express survive a round trip: timestamps in seconds (Parquet has no seconds unit; they are stored as
/// milliseconds) and the zone name of zoned timestamps (Parquet only records "adjusted to UTC"). On read the stored
/// schema is preferred when it is consistent with the file's own schema (same names, same types up to those two
/// differences); otherwise it is ignored.
/// </summary>
internal static class FugueSchemaMetadata
{
    /// <summary>The key/value metadata key.</summary>
    public const string Key = "fugue.schema";

    /// <summary>
    /// The schema expression to store. Like <see cref="Schema.ToString"/>, except that naive timestamps keep their
    /// unit (<c>timestamp(s)</c>): Fugue prints every naive timestamp as <c>datetime</c>, which would lose it.
    /// </summary>
    public static string Render(Schema schema) => string.Join(",", schema.Fields.Select(Render));

    private static string Render(Field field) => SchemaNames.Quote(field.Name) + ":" + Render(field.Type);

    private static string Render(DataType type) => type switch
    {
        TimestampType { TimeZone: null } t when t.Unit != TimeUnit.Microsecond => $"timestamp({t.UnitName})",
        ListType l => "[" + Render(l.ItemType) + "]",
        StructType s => "{" + string.Join(",", s.Fields.Select(Render)) + "}",
        MapType m => "<" + Render(m.KeyType) + "," + Render(m.ValueType) + ">",
        _ => type.ToString(),
    };

    /// <summary>The stored Fugue schema if present, parseable and consistent with <paramref name="fileSchema"/>.</summary>
    public static Schema? Resolve(Schema fileSchema, FileMetaData metadata)
    {
        var entry = metadata.KeyValueMetadata?.FirstOrDefault(kv => kv.Key == Key);
        if (entry?.Value is not { } text)
        {
            return null;
        }

        Schema stored;
        try
        {
            stored = Schema.Parse(text);
        }
        catch (FugueSchemaException)
        {
            return null;
        }

        if (stored.Count != fileSchema.Count)
        {
            return null;
        }

        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].Name != fileSchema[i].Name || !Compatible(fileSchema[i].Type, stored[i].Type))
            {
                return null;
            }
        }

        return stored;
    }

    private static bool Compatible(DataType file, DataType stored) => (file, stored) switch
    {
        _ when file.Equals(stored) => true,
        (TimestampType f, TimestampType s) => (f.TimeZone is null) == (s.TimeZone is null)
            && (f.Unit == s.Unit || (s.Unit == TimeUnit.Second && f.Unit == TimeUnit.Millisecond)),
        (ListType f, ListType s) => Compatible(f.ItemType, s.ItemType),
        (MapType f, MapType s) => Compatible(f.KeyType, s.KeyType) && Compatible(f.ValueType, s.ValueType),
        (StructType f, StructType s) => f.Fields.Count == s.Fields.Count
            && f.Fields.Zip(s.Fields).All(p => p.First.Name == p.Second.Name && Compatible(p.First.Type, p.Second.Type)),
        _ => false,
    };

    /// <summary>Relabels (zone) or rescales (milliseconds to seconds) a column read with the file's type to <paramref name="target"/>.</summary>
    public static Column Convert(Column column, DataType target)
    {
        if (column.Type.Equals(target))
        {
            return column;
        }

        switch (column, target)
        {
            case (PrimitiveColumn<long> p, TimestampType t):
            {
                if (((TimestampType)p.Type).Unit == t.Unit)
                {
                    return new PrimitiveColumn<long>(t, p.Length, p.ValuesBuffer, p.ValidityBuffer, p.NullCount, p.Offset);
                }

                if (p.Offset != 0)
                {
                    throw new ArgumentException("Rescaling expects an unsliced column.", nameof(column));
                }

                var values = new long[p.Length];
                var src = p.Values;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Math.DivRem(src[i], 1000, out var rem) - (rem < 0 ? 1 : 0);
                }

                return new PrimitiveColumn<long>(t, p.Length, new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), p.ValidityBuffer, p.NullCount);
            }
            case (ListColumn l, ListType t):
                return new ListColumn(t, l.Length, l.OffsetsBuffer, Convert(l.Values, t.ItemType), l.ValidityBuffer, l.NullCount, l.Offset);
            case (MapColumn m, MapType t):
            {
                var entries = new StructColumn(t.EntryType, m.Entries.Length, [Convert(m.Keys, t.KeyType), Convert(m.Items, t.ValueType)]);
                return new MapColumn(t, m.Length, m.OffsetsBuffer, entries, m.ValidityBuffer, m.NullCount, m.Offset);
            }
            case (StructColumn s, StructType t) when s.Offset == 0:
                return new StructColumn(t, s.Length, s.Children.Select((c, i) => Convert(c, t.Fields[i].Type)).ToArray(), s.ValidityBuffer, s.NullCount);
            default:
                throw new InvalidOperationException($"Cannot convert a {column.Type} column to {target}.");
        }
    }
}
