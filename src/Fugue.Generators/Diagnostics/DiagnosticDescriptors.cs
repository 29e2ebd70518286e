using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Diagnostics;

/// <summary>
/// Every diagnostic of the Fugue generator and analyzer. Ids are stable and never reused; each one is listed
/// in AnalyzerReleases.Unshipped.md (moved to Shipped.md on release).
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Category of all Fugue diagnostics.</summary>
    public const string Category = "Fugue.Transformers";

    /// <summary>What a transformer may take as input, for messages.</summary>
    public const string AcceptedInputs =
        "IEnumerable<T>, IReadOnlyList<T>, T[] or List<T> of a row type, of object?[] or of Dictionary<string, object?>; LocalDataFrame; RecordBatch; IEnumerable<RecordBatch>";

    /// <summary>What a transformer may return, for messages.</summary>
    public const string AcceptedOutputs =
        "IEnumerable<T>, IReadOnlyList<T>, T[] or List<T> of a row type, of object?[] or of Dictionary<string, object?>; a single row T; LocalDataFrame; RecordBatch; IEnumerable<RecordBatch>";

    /// <summary>What a Creator or Processor may return, for messages.</summary>
    public const string AcceptedWholeOutputs =
        "IEnumerable<T>, IReadOnlyList<T>, T[] or List<T> of a row type, of object?[] or of Dictionary<string, object?>; DataFrame; LocalDataFrame; RecordBatch; IEnumerable<RecordBatch>";

    /// <summary>Member types with a schema mapping, for messages.</summary>
    public const string SupportedMemberTypes =
        "bool, sbyte, byte, short, ushort, int, uint, long, ulong, Half, float, double, decimal, string, byte[], DateTime, DateOnly, Nullable<T> of these, T[], List<T> or IReadOnlyList<T>, IReadOnlyDictionary<K,V> or Dictionary<K,V>, and nested row types";

    public static readonly DiagnosticDescriptor InvalidSchema = Create(
        "FUG001",
        "Invalid schema expression",
        "Invalid schema expression \"{0}\" at position {1}: {2}");

    public static readonly DiagnosticDescriptor MissingColumn = Create(
        "FUG002",
        "Output row type lacks a declared column",
        "Output type '{0}' does not match the schema \"{1}\": column '{2}' ({3}) is missing from the type");

    public static readonly DiagnosticDescriptor ExtraColumn = Create(
        "FUG003",
        "Output row type has an undeclared column",
        "Output type '{0}' does not match the schema \"{1}\": the type has column '{2}' ({3}), which the schema does not declare");

    public static readonly DiagnosticDescriptor ColumnTypeMismatch = Create(
        "FUG004",
        "Output row type column has the wrong type",
        "Output type '{0}' does not match the schema \"{1}\": column '{2}' is {3} in the schema but {4} in the type");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        "FUG005",
        "Unsupported transformer parameter",
        "Parameter '{0}' of type '{1}' is not supported by {2}: {3}");

    public static readonly DiagnosticDescriptor UnsupportedReturn = Create(
        "FUG006",
        "Unsupported transformer return type",
        "Return type '{0}' is not supported by {1}; accepted: {2}");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        "FUG007",
        "Unsupported member type in a row type",
        "Member '{0}.{1}' has type '{2}', which has no schema type; supported: " + SupportedMemberTypes);

    public static readonly DiagnosticDescriptor MethodNotStatic = Create(
        "FUG008",
        "Transformer method is not static",
        "Method '{0}' must be static to be {1}");

    public static readonly DiagnosticDescriptor MethodNotAccessible = Create(
        "FUG009",
        "Transformer method is not accessible",
        "Method '{0}' must be public or internal, and declared in public or internal types, to be {1}");

    public static readonly DiagnosticDescriptor MethodGeneric = Create(
        "FUG010",
        "Transformer method is generic",
        "Method '{0}' must not be generic or declared in a generic type to be {1}");

    public static readonly DiagnosticDescriptor StarInCoTransformer = Create(
        "FUG011",
        "'*' in a CoTransformer schema",
        "The CoTransformer schema \"{0}\" can't use '*' or the -, ~, + operators: a CoTransformer has several inputs, so list every output column");

    public static readonly DiagnosticDescriptor UntypedOutputWithoutSchema = Create(
        "FUG012",
        "Untyped output without a schema",
        "Method '{0}' returns '{1}', which does not describe its columns: give the output schema in the attribute, e.g. [{2}(\"a:int,b:str\")]");

    public static readonly DiagnosticDescriptor DuplicateColumn = Create(
        "FUG013",
        "Duplicate column name",
        "Duplicate column name '{0}' in {1}");

    public static readonly DiagnosticDescriptor NotAnnotatedHandle = Create(
        "FUG014",
        "Method passed as a transformer is not annotated",
        "'{0}' is passed to parameter '{1}' as a transformer but is not annotated with [Transformer], [CoTransformer], [OutputTransformer], [OutputCoTransformer], [Creator], [Processor] or [Outputter]");

    public static readonly DiagnosticDescriptor RowTypeNotConstructible = Create(
        "FUG015",
        "Input row type can't be constructed",
        "Row type '{0}' can't be read from a frame: it needs an accessible constructor whose parameters all match its properties, or a parameterless constructor with settable properties");

    public static readonly DiagnosticDescriptor OverloadedTransformer = Create(
        "FUG016",
        "Annotated method is overloaded",
        "Method '{0}' has several annotated overloads, but transformers are registered and found by the name \"{1}\": rename one of them");

    public static readonly DiagnosticDescriptor InvalidValidationRule = Create(
        "FUG017",
        "Invalid validation rule",
        "Invalid {0} rule \"{1}\": {2}");

    public static readonly DiagnosticDescriptor SchemaForFrameOutput = Create(
        "FUG018",
        "Schema given for a frame output",
        "Method '{0}' returns '{1}', which carries its own schema: remove the schema from [{2}] (a schema is for rows and batches)");

    public static readonly DiagnosticDescriptor PartitionRuleViolated = Create(
        "FUG019",
        "Partition spec breaks a validation rule",
        "'{0}' requires {1} = \"{2}\", but {3}");

    public static readonly DiagnosticDescriptor StarInWholeFrameSchema = Create(
        "FUG020",
        "'*' in a Creator or Processor schema",
        "The {0} schema \"{1}\" can't use '*' or the -, ~, + operators: list every output column");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
