using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Fugue.Generators.Diagnostics;
using Fugue.Generators.Parsing;
using Fugue.Generators.Rules;
using Fugue.Generators.Schemas;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Fugue.Generators.Analyzers;

/// <summary>
/// Reports FUG019 when a call passes an annotated method to a [TransformerHandle] parameter together with a
/// partition spec that is a compile-time constant (omitted or null, <c>PartitionSpec.Empty</c>, <c>PartitionSpec.By("a")</c>,
/// <c>new PartitionSpec(by: ["a"], presort: "b desc")</c>, <c>"a"</c>, and <c>WithBy</c>/<c>WithPresort</c>/<c>With</c> chains of
/// constants) that breaks the method's partition rules (PartitionByHas, PartitionByIs, PresortHas, PresortIs). Specs
/// built from anything else are checked at run time by <c>TransformerValidation</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartitionRuleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PartitionRuleViolated);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol? target = null;
        IArgumentOperation? handle = null;
        IArgumentOperation? partition = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.GetAttributes().Any(a => a.AttributeClass is { } c && TypeNames.FullMetadataName(c) == TypeNames.TransformerHandleAttribute))
            {
                target = ReferencedMethod(argument.Value);
                handle = argument;
            }
            else if (TypeNames.Is(parameter.Type, TypeNames.PartitionSpec))
            {
                partition = argument;
            }
        }

        if (target is null || handle is null || partition is null)
        {
            return;
        }

        var attribute = target.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && TypeNames.ExtensionAttributes.Contains(TypeNames.FullMetadataName(c)));
        if (attribute is null)
        {
            return;
        }

        var rules = new ValidationRuleSet();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var named in attribute.NamedArguments)
        {
            if (Array.IndexOf(ValidationRuleSet.Names, named.Key) < 0 || named.Value.Value is not string text)
            {
                continue;
            }

            try
            {
                rules.Add(named.Key, text);
                texts[named.Key] = text;
            }
            catch (SchemaSyntaxException)
            {
                return; // the generator reports the rule itself (FUG017)
            }
        }

        if (!rules.HasPartitionRules)
        {
            return;
        }

        if (!TryEvaluate(partition.Value, out var by, out var presort))
        {
            return;
        }

        if (rules.Check(by, presort) is { } broken)
        {
            var name = TypeNames.FullMetadataName(target.ContainingType).Replace('+', '.') + "." + target.Name;
            var location = partition.ArgumentKind == ArgumentKind.DefaultValue ? handle.Syntax.GetLocation() : partition.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PartitionRuleViolated, location, name, broken.Key, texts[broken.Key], broken.Value));
        }
    }

    private static IMethodSymbol? ReferencedMethod(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target;
        }

        return (value as IMethodReferenceOperation)?.Method;
    }

    /// <summary>The keys and presort of a constant partition spec expression; false when it is not constant.</summary>
    private static bool TryEvaluate(IOperation? value, out List<string> by, out List<KeyValuePair<string, bool>> presort)
    {
        by = new List<string>();
        presort = new List<KeyValuePair<string, bool>>();
        while (value is IConversionOperation conversion)
        {
            if (conversion.OperatorMethod is { Name: "op_Implicit" } && conversion.Operand.ConstantValue is { HasValue: true, Value: string text })
            {
                // The string form: "per_row", JSON (not evaluated) or one key.
                if (string.Equals(text, "per_row", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.Trim().Length == 0)
                {
                    return false;
                }

                by.Add(text);
                return true;
            }

            value = conversion.Operand;
        }

        switch (value)
        {
            case null:
            case IDefaultValueOperation:
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                return true;
            case IPropertyReferenceOperation { Instance: null } p when TypeNames.Is(p.Property.ContainingType, TypeNames.PartitionSpec):
                return p.Property.Name is "Empty" or "PerRow";
            case IObjectCreationOperation creation when TypeNames.Is(creation.Type, TypeNames.PartitionSpec):
                return ApplyArguments(creation.Arguments, by, presort);
            case IInvocationOperation call when TypeNames.Is(call.TargetMethod.ContainingType, TypeNames.PartitionSpec):
                if (call.Instance is null)
                {
                    switch (call.TargetMethod.Name)
                    {
                        case "By":
                            return call.Arguments.Length == 1 && TryStrings(call.Arguments[0].Value, by);
                        case "Num":
                            return true;
                        default:
                            return false;
                    }
                }

                if (!TryEvaluate(call.Instance, out by, out presort))
                {
                    return false;
                }

                switch (call.TargetMethod.Name)
                {
                    case "WithBy":
                        by.Clear();
                        return call.Arguments.Length == 1 && TryStrings(call.Arguments[0].Value, by);
                    case "WithPresort":
                        return call.Arguments.Length == 1 && TryPresort(call.Arguments[0].Value, presort);
                    case "WithNum":
                    case "WithAlgo":
                        return true;
                    case "With":
                        return ApplyArguments(call.Arguments, by, presort);
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    /// <summary>Applies <c>by</c> and <c>presort</c> arguments (constructor or <c>With</c>); other arguments do not matter.</summary>
    private static bool ApplyArguments(ImmutableArray<IArgumentOperation> arguments, List<string> by, List<KeyValuePair<string, bool>> presort)
    {
        foreach (var argument in arguments)
        {
            var name = argument.Parameter?.Name;
            var omitted = argument.ArgumentKind == ArgumentKind.DefaultValue || IsNull(argument.Value);
            if (name == "by")
            {
                if (!omitted)
                {
                    by.Clear();
                    if (!TryStrings(argument.Value, by))
                    {
                        return false;
                    }
                }
            }
            else if (name == "presort")
            {
                if (!TypeNames.Is(argument.Parameter!.Type, "System.String") && !omitted)
                {
                    return false; // the PresortKey overloads: not evaluated
                }

                if (!omitted && !TryPresort(argument.Value, presort))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsNull(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null };
    }

    private static bool TryPresort(IOperation value, List<KeyValuePair<string, bool>> presort)
    {
        if (value.ConstantValue is not { HasValue: true, Value: string text })
        {
            return false;
        }

        presort.Clear();
        if (text.Trim().Length == 0)
        {
            return true;
        }

        try
        {
            presort.AddRange(RuleSyntax.Presort(text));
            return true;
        }
        catch (SchemaSyntaxException)
        {
            return false;
        }
    }

    private static bool TryStrings(IOperation value, List<string> result)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        IEnumerable<IOperation>? elements = value switch
        {
            IArrayCreationOperation { Initializer: { } init } => init.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => null,
        };
        if (elements is null)
        {
            return false;
        }

        foreach (var element in elements)
        {
            var e = element;
            while (e is IConversionOperation c)
            {
                e = c.Operand;
            }

            if (e.ConstantValue is not { HasValue: true, Value: string s })
            {
                return false;
            }

            result.Add(s);
        }

        return true;
    }
}
