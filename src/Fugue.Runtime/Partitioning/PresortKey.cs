namespace Fugue.Partitioning;

/// <summary>One sort key of a presort (or of <see cref="PartitionSpec.GetSorts"/>): a column name and its direction.</summary>
/// <param name="Name">The column name, verbatim.</param>
/// <param name="Ascending">True for ascending, false for descending.</param>
public readonly record struct PresortKey(string Name, bool Ascending)
{
    /// <summary>An ascending key.</summary>
    public static PresortKey Asc(string name) => new(name, true);

    /// <summary>A descending key.</summary>
    public static PresortKey Desc(string name) => new(name, false);

    /// <summary>Lets <c>("a", false)</c> stand for a key in collection expressions.</summary>
    public static implicit operator PresortKey((string Name, bool Ascending) item) => new(item.Name, item.Ascending);

    /// <summary>The normalised form <c>name ASC</c> / <c>name DESC</c>, the name backtick-quoted when the presort parser needs it.</summary>
    public override string ToString() => PresortParser.QuoteName(Name) + (Ascending ? " ASC" : " DESC");
}
