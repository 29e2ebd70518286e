namespace Fugue.Schemas;

/// <summary>Parses schema expressions. (Placeholder until the parser lands.)</summary>
internal static class SchemaParser
{
    public static Schema Parse(string expression) => throw new NotSupportedException(expression);

    public static DataType ParseType(string expression) => throw new NotSupportedException(expression);
}
