namespace Fugue.IO.Parquet.Metadata;

/// <summary>Repetition of a schema element.</summary>
public enum FieldRepetitionType
{
    /// <summary>Exactly one value per parent.</summary>
    Required = 0,
    /// <summary>Zero or one value (nullable).</summary>
    Optional = 1,
    /// <summary>Zero or more values.</summary>
    Repeated = 2,
}
