using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Fugue.Generators.Emitting;
using Fugue.Generators.Helpers;
using Fugue.Generators.Model;
using Fugue.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Fugue.Generators;

/// <summary>
/// Emits, for every method annotated with [Transformer], [CoTransformer], [OutputTransformer],
/// [OutputCoTransformer], [Creator], [Processor] or [Outputter], a reflection-free adapter implementing the runtime's
/// contract for that kind, a codec per row type, and a module initializer registering the adapters by name.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TransformerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var all = new[]
        {
            Find(context, TypeNames.TransformerAttribute, TransformerKind.Transformer),
            Find(context, TypeNames.CoTransformerAttribute, TransformerKind.CoTransformer),
            Find(context, TypeNames.OutputTransformerAttribute, TransformerKind.OutputTransformer),
            Find(context, TypeNames.OutputCoTransformerAttribute, TransformerKind.OutputCoTransformer),
            Find(context, TypeNames.CreatorAttribute, TransformerKind.Creator),
            Find(context, TypeNames.ProcessorAttribute, TransformerKind.Processor),
            Find(context, TypeNames.OutputterAttribute, TransformerKind.Outputter),
        };

        foreach (var results in all)
        {
            context.RegisterSourceOutput(results, static (spc, result) =>
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic);
                }
            });
        }

        var specs = all
            .Select(r => r
                .Select(static (r, _) => r.Spec)
                .WithTrackingName(TrackingNames.Spec)
                .Where(static s => s is not null)
                .Select(static (s, _) => s!))
            .ToArray();

        foreach (var spec in specs)
        {
            context.RegisterSourceOutput(spec, static (spc, s) =>
                spc.AddSource(s.AdapterName + ".g.cs", SourceText.From(AdapterEmitter.Emit(s, spc.CancellationToken), System.Text.Encoding.UTF8)));
        }

        var allSpecs = specs[0].Collect();
        for (var i = 1; i < specs.Length; i++)
        {
            allSpecs = allSpecs.Combine(specs[i].Collect()).Select(static (t, _) => t.Left.AddRange(t.Right));
        }


        var rowTypes = allSpecs
            .Select(static (all, _) => all
                .SelectMany(s => s.RowTypes)
                .GroupBy(r => r.TypeName)
                .Select(g => g.First())
                .OrderBy(r => r.TypeName, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .SelectMany(static (rows, _) => rows)
            .WithTrackingName(TrackingNames.RowType);

        context.RegisterSourceOutput(rowTypes, static (spc, row) =>
            spc.AddSource(row.CodecName + ".g.cs", SourceText.From(CodecEmitter.Emit(row, spc.CancellationToken), System.Text.Encoding.UTF8)));

        var registrations = allSpecs
            .Select(static (all, _) => all
                .Select(s => new RegistrationSpec(s.Key, s.AdapterName, s.ContainingType, s.MethodName, s.Kind))
                .OrderBy(r => r.Key, System.StringComparer.Ordinal)
                .ThenBy(r => r.AdapterName, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.Registry);

        context.RegisterSourceOutput(registrations, static (spc, regs) =>
        {
            if (regs.Count > 0)
            {
                spc.AddSource("FugueTransformerRegistry.g.cs", SourceText.From(RegistryEmitter.Emit(regs), System.Text.Encoding.UTF8));
            }
        });
    }

    private static IncrementalValuesProvider<TransformerParseResult> Find(IncrementalGeneratorInitializationContext context, string attribute, TransformerKind kind) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is MethodDeclarationSyntax,
                (ctx, ct) => TransformerParser.Parse(ctx, kind, ct))
            .WithTrackingName(TrackingNames.Parse);
}
