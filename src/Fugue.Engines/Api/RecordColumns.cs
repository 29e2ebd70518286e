using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Fugue.Schemas;
using Fugue.Transformers;

namespace Fugue.Api;

/// <summary>
/// Reads typed rows (records, classes, structs) for <see cref="AnyDataFrame.FromRecords{T}"/>: the public readable
/// properties, named by <see cref="ColumnAttribute"/> (on the property or on a positional record's constructor
/// parameter) or by the property name. Reflection runs once per call to map the members; the trimmer keeps them
/// through the <see cref="DynamicallyAccessedMembersAttribute"/> annotation, so it is trim- and AOT-safe. For hot paths
/// use the generated codecs of [Transformer] methods instead.
/// </summary>
internal static class RecordColumns
{
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicConstructors;

    /// <summary>The rows as value arrays of <paramref name="schema"/> (inferred from the type when null) and the schema.</summary>
    public static (IEnumerable<IReadOnlyList<object?>> Rows, Schema Schema) Read<[DynamicallyAccessedMembers(Members)] T>(IEnumerable<T> rows, Schema? schema)
    {
        var type = typeof(T);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
        var parameterNames = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Select(p => (p.Name, Column: p.GetCustomAttribute<ColumnAttribute>()?.Name))
            .Where(p => p.Name is not null && p.Column is not null)
            .GroupBy(p => p.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Column!, StringComparer.Ordinal);
        var byColumn = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        var ordered = new List<(string Column, PropertyInfo Property)>();
        foreach (var p in properties)
        {
            var column = p.GetCustomAttribute<ColumnAttribute>()?.Name ?? (parameterNames.TryGetValue(p.Name, out var n) ? n : p.Name);
            if (byColumn.TryAdd(column, p))
            {
                ordered.Add((column, p));
            }
        }

        if (schema is null)
        {
            if (ordered.Count == 0)
            {
                throw new ArgumentException($"{type.Name} has no public readable properties to make columns of", nameof(rows));
            }

            schema = new Schema(ordered.Select(c => new Field(c.Column, TypeOf(type, c.Property))));
        }

        var getters = schema.Names.Select(name => byColumn.TryGetValue(name, out var p)
            ? p
            : throw new ArgumentException(
                $"column '{name}' of schema {schema} has no matching property on {type.Name} (properties map to: {string.Join(", ", byColumn.Keys)})",
                nameof(schema))).ToArray();
        return (rows.Select(r => (IReadOnlyList<object?>)Array.ConvertAll(getters, g => r is null ? throw new ArgumentException($"a {type.Name} row is null", nameof(rows)) : g.GetValue(r))), schema);
    }

    private static DataType TypeOf(Type owner, PropertyInfo property)
    {
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return t switch
        {
            _ when t == typeof(bool) => DataType.Bool,
            _ when t == typeof(sbyte) => DataType.Int8,
            _ when t == typeof(byte) => DataType.UInt8,
            _ when t == typeof(short) => DataType.Int16,
            _ when t == typeof(ushort) => DataType.UInt16,
            _ when t == typeof(int) => DataType.Int32,
            _ when t == typeof(uint) => DataType.UInt32,
            _ when t == typeof(long) => DataType.Int64,
            _ when t == typeof(ulong) => DataType.UInt64,
            _ when t == typeof(Half) => DataType.Float16,
            _ when t == typeof(float) => DataType.Float32,
            _ when t == typeof(double) => DataType.Float64,
            _ when t == typeof(string) => DataType.String,
            _ when t == typeof(byte[]) => DataType.Binary,
            _ when t == typeof(DateOnly) => DataType.Date,
            _ when t == typeof(DateTime) => DataType.DateTime,
            _ when t == typeof(decimal) => DataType.Decimal(28, 10),
            _ => throw new ArgumentException(
                $"property {owner.Name}.{property.Name} has type {property.PropertyType.Name}, which has no inferred column type; give a schema",
                nameof(property)),
        };
    }
}
