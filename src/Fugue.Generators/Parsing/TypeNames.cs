using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Parsing;

/// <summary>Metadata names of runtime types, matched by name so the generator needs no runtime reference.</summary>
internal static class TypeNames
{
    public const string TransformerAttribute = "Fugue.Transformers.TransformerAttribute";
    public const string CoTransformerAttribute = "Fugue.Transformers.CoTransformerAttribute";
    public const string OutputTransformerAttribute = "Fugue.Transformers.OutputTransformerAttribute";
    public const string OutputCoTransformerAttribute = "Fugue.Transformers.OutputCoTransformerAttribute";
    public const string CreatorAttribute = "Fugue.Transformers.CreatorAttribute";
    public const string ProcessorAttribute = "Fugue.Transformers.ProcessorAttribute";
    public const string OutputterAttribute = "Fugue.Transformers.OutputterAttribute";
    public const string ExtensionContext = "Fugue.Transformers.ExtensionContext";
    public const string ExecutionEngine = "Fugue.Execution.ExecutionEngine";
    public const string DataFrame = "Fugue.Frames.DataFrame";
    public const string PartitionSpec = "Fugue.Partitioning.PartitionSpec";
    public const string ColumnAttribute = "Fugue.Transformers.ColumnAttribute";
    public const string TransformerHandleAttribute = "Fugue.Transformers.TransformerHandleAttribute";
    public const string PartitionCursor = "Fugue.Partitioning.PartitionCursor";
    public const string LocalDataFrame = "Fugue.Frames.LocalDataFrame";
    public const string DataFrames = "Fugue.Frames.DataFrames";
    public const string RecordBatch = "Fugue.Columnar.RecordBatch";

    /// <summary>Whether <paramref name="type"/> is the named non-generic type.</summary>
    public static bool Is(ITypeSymbol? type, string metadataName) =>
        type is INamedTypeSymbol named && FullMetadataName(named) == metadataName;

    /// <summary>Whether <paramref name="type"/> is the named type or derives from it.</summary>
    public static bool IsOrDerives(ITypeSymbol? type, string metadataName)
    {
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (FullMetadataName(t) == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The metadata names of every extension attribute.</summary>
    public static readonly string[] ExtensionAttributes =
    {
        TransformerAttribute, CoTransformerAttribute, OutputTransformerAttribute, OutputCoTransformerAttribute,
        CreatorAttribute, ProcessorAttribute, OutputterAttribute,
    };

    /// <summary>Namespace-qualified metadata name (nested types joined with '+').</summary>
    public static string FullMetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        if (type.ContainingType is { } outer)
        {
            return FullMetadataName(outer) + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>Fully qualified C# name with <c>global::</c>, keeping nullable annotations.</summary>
    public static string Qualified(ITypeSymbol type) => type.ToDisplayString(QualifiedFormat);

    /// <summary>Fully qualified with annotations for reference types too (declarations in generated code).</summary>
    public static readonly SymbolDisplayFormat QualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Short C# name for messages.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(DisplayFormat);

    /// <summary>Short names with containing types (Outer.Inner), keywords for special types, nullable annotations.</summary>
    public static readonly SymbolDisplayFormat DisplayFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
}
