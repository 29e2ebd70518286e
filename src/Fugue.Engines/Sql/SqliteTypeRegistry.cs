using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Fugue.Schemas;

namespace Fugue.Sql;

/// <summary>
/// Per-database names for types a declared SQLite type cannot spell (timestamps with a time zone, whose zone
/// names contain characters a type name cannot): each gets a <c>TIMESTAMPTZ_n</c> name that maps back exactly.
/// </summary>
public sealed class SqliteTypeRegistry
{
    private readonly Dictionary<string, DataType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<DataType, string> _byType = [];

    /// <summary>The declared type name for <paramref name="type"/>, registering it on first use.</summary>
    public string Register(TimestampType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_byType.TryGetValue(type, out var name))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"TIMESTAMPTZ_{_byType.Count}");
            _byType.Add(type, name);
            _byName.Add(name, type);
        }

        return name;
    }

    /// <summary>The registered type of an upper-case declared type name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out DataType? type) => _byName.TryGetValue(name, out type);
}
