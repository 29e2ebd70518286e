using System.Collections.Immutable;
using System.Linq;
using Fugue.Generators.Diagnostics;
using Fugue.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Fugue.Generators.Analyzers;

/// <summary>
/// Reports FUG014 when a method group or lambda is passed to a parameter marked [TransformerHandle] but the
/// method is not annotated as a transformer (the engine could not find its adapter at run time).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TransformerHandleAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] KindAttributes = TypeNames.ExtensionAttributes;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NotAnnotatedHandle);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeArgument, OperationKind.Argument);
    }

    private static void AnalyzeArgument(OperationAnalysisContext context)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { } parameter || !parameter.GetAttributes().Any(a => a.AttributeClass is { } c && TypeNames.FullMetadataName(c) == TypeNames.TransformerHandleAttribute))
        {
            return;
        }

        var value = argument.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target;
        }

        string? name = null;
        switch (value)
        {
            case IMethodReferenceOperation reference:
                if (reference.Method.GetAttributes().Any(a => a.AttributeClass is { } c && KindAttributes.Contains(TypeNames.FullMetadataName(c))))
                {
                    return;
                }

                name = reference.Method.ContainingType is null
                    ? reference.Method.Name
                    : TypeNames.Display(reference.Method.ContainingType) + "." + reference.Method.Name;
                break;
            case IAnonymousFunctionOperation:
                name = "A lambda";
                break;
        }

        if (name is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotAnnotatedHandle, argument.Value.Syntax.GetLocation(), name, parameter.Name));
        }
    }
}
