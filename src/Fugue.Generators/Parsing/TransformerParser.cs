using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Fugue.Generators.Diagnostics;
using Fugue.Generators.Helpers;
using Fugue.Generators.Model;
using Fugue.Generators.Schemas;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Fugue.Generators.Parsing;

/// <summary>
/// Turns one annotated method into a <see cref="TransformerSpec"/>, checking the signature against Fugue's
/// rules (spec section 4) and the schema against the row types. Never throws on user errors: it reports a
/// located diagnostic and returns no spec.
/// </summary>
internal static class TransformerParser
{
    public static TransformerParseResult Parse(GeneratorAttributeSyntaxContext context, TransformerKind kind, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return new TransformerParseResult(null, System.Collections.Immutable.ImmutableArray<Diagnostic>.Empty);
        }

        var parser = new State(method, syntax, kind, diagnostics, context.Attributes.FirstOrDefault());
        var spec = parser.Run(cancellationToken);
        return new TransformerParseResult(diagnostics.Count == 0 ? spec : null, diagnostics.ToImmutableArrayOrEmpty());
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> ToImmutableArrayOrEmpty(this List<Diagnostic> list) =>
        System.Collections.Immutable.ImmutableArray.CreateRange(list);

    /// <summary>Human name of a kind for messages.</summary>
    public static string KindName(TransformerKind kind) => kind switch
    {
        TransformerKind.CoTransformer => "CoTransformer",
        TransformerKind.OutputTransformer => "OutputTransformer",
        TransformerKind.OutputCoTransformer => "OutputCoTransformer",
        TransformerKind.Creator => "Creator",
        TransformerKind.Processor => "Processor",
        TransformerKind.Outputter => "Outputter",
        _ => "Transformer",
    };

    private sealed class State
    {
        private readonly IMethodSymbol _method;
        private readonly MethodDeclarationSyntax _syntax;
        private readonly TransformerKind _kind;
        private readonly List<Diagnostic> _diagnostics;
        private readonly AttributeData? _attribute;
        private readonly RowTypeMapper _rows;
        private bool _rowTypeFailed;

        public State(IMethodSymbol method, MethodDeclarationSyntax syntax, TransformerKind kind, List<Diagnostic> diagnostics, AttributeData? attribute)
        {
            _method = method;
            _syntax = syntax;
            _kind = kind;
            _diagnostics = diagnostics;
            _attribute = attribute;
            _rows = new RowTypeMapper(diagnostics, syntax.Identifier.GetLocation());
        }

        private bool IsCo => _kind is TransformerKind.CoTransformer or TransformerKind.OutputCoTransformer;

        private bool IsOutput => _kind is TransformerKind.OutputTransformer or TransformerKind.OutputCoTransformer;

        /// <summary>Creators, Processors and Outputters: whole frames (not partitions), the engine may be asked for.</summary>
        private bool IsWhole => _kind is TransformerKind.Creator or TransformerKind.Processor or TransformerKind.Outputter;

        private bool IsCreator => _kind == TransformerKind.Creator;

        /// <summary>Kinds whose attribute carries validation rules (Fugue: not co-transformers, and creators have no input).</summary>
        private bool TakesRules => _kind is TransformerKind.Transformer or TransformerKind.OutputTransformer or TransformerKind.Processor or TransformerKind.Outputter;

        private string KindText => KindName(_kind);

        private string KindWithArticle => (_kind is TransformerKind.OutputTransformer or TransformerKind.OutputCoTransformer or TransformerKind.Outputter ? "an " : "a ") + KindText;

        private Location NameLocation => _syntax.Identifier.GetLocation();

        public TransformerSpec? Run(CancellationToken cancellationToken)
        {
            var methodName = _method.ContainingType is null ? _method.Name : TypeNames.Display(_method.ContainingType) + "." + _method.Name;
            if (!_method.IsStatic)
            {
                Report(DiagnosticDescriptors.MethodNotStatic, NameLocation, methodName, KindWithArticle);
            }

            if (!IsAccessible(_method))
            {
                Report(DiagnosticDescriptors.MethodNotAccessible, NameLocation, methodName, KindWithArticle);
            }

            if (_method.IsGenericMethod || AnyGenericContainer(_method.ContainingType))
            {
                Report(DiagnosticDescriptors.MethodGeneric, NameLocation, methodName, KindWithArticle);
            }

            if (_method.ContainingType is { } owner
                && owner.GetMembers(_method.Name).OfType<IMethodSymbol>().Count(m => m.GetAttributes().Any(IsTransformerAttribute)) > 1)
            {
                var registryName = TypeNames.FullMetadataName(owner).Replace('+', '.') + "." + _method.Name;
                Report(DiagnosticDescriptors.OverloadedTransformer, NameLocation, methodName, registryName);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var parameters = ParseParameters();
            cancellationToken.ThrowIfCancellationRequested();
            var returnSpec = ParseReturn();
            string? outputSchema = null;
            var schema = SchemaArgument(out var schemaExpression);
            if (returnSpec is not null && !IsOutput && _kind != TransformerKind.Outputter)
            {
                outputSchema = ResolveOutputSchema(schema, schemaExpression, parameters, returnSpec, methodName);
            }

            var rules = TakesRules ? ParseRules() : null;

            if (_diagnostics.Count > 0 || parameters is null || returnSpec is null || _method.ContainingType is null)
            {
                return null;
            }

            var containing = _method.ContainingType;
            var containingName = TypeNames.Qualified(containing);
            var key = TypeNames.FullMetadataName(containing).Replace('+', '.') + "." + _method.Name;
            return new TransformerSpec(
                _kind,
                key,
                containingName,
                _method.Name,
                "Adapter_" + RowTypeMapper.Sanitize(containingName) + "_" + _method.Name,
                schema,
                outputSchema,
                parameters.ToEquatableArray(),
                returnSpec,
                _rows.RowTypes.ToEquatableArray(),
                rules);
        }

        private List<ParameterSpec>? ParseParameters()
        {
            var result = new List<ParameterSpec>();
            var ok = true;
            var sawCursor = false;
            var dataCount = 0;
            var sawNonData = false;
            var sawFrames = false;
            var first = 0; // the first parameter after a leading engine or ExtensionContext
            if (_method.Parameters.Length == 0 && !IsCreator)
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, NameLocation, "(none)", "(none)", KindWithArticle, "the first parameter must be the input; accepted: " + AcceptedInputs());
                return null;
            }

            for (var i = 0; i < _method.Parameters.Length; i++)
            {
                var p = _method.Parameters[i];
                var location = ParameterTypeLocation(i);
                var display = TypeNames.Display(p.Type);
                if (p.RefKind != RefKind.None || p.IsParams)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, "ref, out, in and params parameters can't be bound");
                    ok = false;
                    continue;
                }

                var isContext = TypeNames.Is(p.Type, TypeNames.ExtensionContext);
                if (isContext || TypeNames.IsOrDerives(p.Type, TypeNames.ExecutionEngine))
                {
                    if (!IsWhole || i != 0)
                    {
                        Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, IsWhole
                            ? "the engine (or the ExtensionContext) must be the first parameter"
                            : "the engine is given to Creators, Processors and Outputters only; a transformer reads the conf from TransformerContext.Current");
                        ok = false;
                        continue;
                    }

                    first = 1;
                    result.Add(new ParameterSpec(p.Name, isContext ? ParameterRole.Context : ParameterRole.Engine, TypeNames.Qualified(p.Type), null, null));
                    continue;
                }

                if (TypeNames.Is(p.Type, TypeNames.PartitionCursor))
                {
                    if (IsWhole)
                    {
                        Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, "a PartitionCursor is given to transformers only (a " + KindText + " sees whole frames)");
                        ok = false;
                        continue;
                    }

                    if (sawCursor)
                    {
                        Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, "only one PartitionCursor parameter is allowed");
                        ok = false;
                    }

                    sawCursor = true;
                    sawNonData = true;
                    result.Add(new ParameterSpec(p.Name, ParameterRole.Cursor, TypeNames.Qualified(p.Type), null, null));
                    continue;
                }

                _rowTypeFailed = false;
                var data = ClassifyData(p.Type, isReturn: false);
                if (data is null && _rowTypeFailed)
                {
                    ok = false; // the row type reported its own problem
                    continue;
                }

                var wantsData = !IsCreator && (i == first || ((IsCo || IsWhole) && !sawNonData && !sawFrames));
                if (data is null)
                {
                    if (i == first && !IsCreator)
                    {
                        Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, "the first parameter must be the input; accepted: " + AcceptedInputs());
                        ok = false;
                        continue;
                    }

                    if (LooksLikeData(p.Type) && (wantsData || IsCreator))
                    {
                        Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, IsCreator ? CreatorParameters : "accepted inputs: " + AcceptedInputs());
                        ok = false;
                        continue;
                    }

                    sawNonData = true;
                    result.Add(new ParameterSpec(p.Name, ParameterRole.Param, TypeNames.Qualified(p.Type), null, p.HasExplicitDefaultValue ? FormatDefault(p) : null));
                    continue;
                }

                if (IsCreator)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, CreatorParameters);
                    ok = false;
                    continue;
                }

                if (data.Shape == DataShape.Frames && !IsCo && !IsWhole)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, "DataFrames is an input of CoTransformers only; accepted: " + AcceptedInputs());
                    ok = false;
                    continue;
                }

                if (!wantsData || (data.Shape == DataShape.Frames && dataCount > 0))
                {
                    var reason = IsWhole
                        ? "the inputs come first (after the engine, if any), one per frame or a single DataFrames"
                        : IsCo
                        ? "the inputs come first, one per zipped frame or a single DataFrames"
                        : "a " + KindText + " takes exactly one input, as its first parameter";
                    Report(DiagnosticDescriptors.UnsupportedParameter, location, p.Name, display, KindWithArticle, reason);
                    ok = false;
                    continue;
                }

                if (data.Row == RowShape.Typed && data.RowType is not null)
                {
                    var row = _rows.RowTypes.FirstOrDefault(r => r.TypeName == data.RowType);
                    if (row is not null && !row.CanConstruct)
                    {
                        Report(DiagnosticDescriptors.RowTypeNotConstructible, location, row.DisplayName);
                        ok = false;
                        continue;
                    }
                }

                sawFrames |= data.Shape == DataShape.Frames;
                dataCount++;
                result.Add(new ParameterSpec(p.Name, ParameterRole.Data, TypeNames.Qualified(p.Type), data, null));
            }

            if (ok && IsWhole && !IsCreator && dataCount == 0)
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, NameLocation, "(none)", "(none)", KindWithArticle, "the inputs come first (after the engine, if any); accepted: " + AcceptedInputs());
                return null;
            }

            return ok ? result : null;
        }

        private const string CreatorParameters = "a Creator takes no input frame; its parameters are the engine or ExtensionContext (first, optional) and params";

        private DataSpec? ParseReturn()
        {
            var type = _method.ReturnType;
            var location = _syntax.ReturnType.GetLocation();
            if (_kind == TransformerKind.Outputter && !_method.ReturnsVoid)
            {
                Report(DiagnosticDescriptors.UnsupportedReturn, location, TypeNames.Display(type), KindWithArticle, AcceptedOutputs());
                return null;
            }

            if (_method.ReturnsVoid)
            {
                if (IsOutput || _kind == TransformerKind.Outputter)
                {
                    return new DataSpec(DataShape.Void, CollectionShape.None, RowShape.None, null, "void");
                }

                Report(DiagnosticDescriptors.UnsupportedReturn, location, "void", KindWithArticle, AcceptedOutputs());
                return null;
            }

            if (_method.ReturnsByRef || _method.ReturnsByRefReadonly)
            {
                Report(DiagnosticDescriptors.UnsupportedReturn, location, TypeNames.Display(type), KindWithArticle, AcceptedOutputs());
                return null;
            }

            _rowTypeFailed = false;
            var data = ClassifyData(type, isReturn: true);
            if (data is null || data.Shape == DataShape.Frames || (IsWhole && data.Shape == DataShape.SingleRow))
            {
                if (!_rowTypeFailed)
                {
                    Report(DiagnosticDescriptors.UnsupportedReturn, location, TypeNames.Display(type), KindWithArticle, AcceptedOutputs());
                }

                return null;
            }

            return data;
        }

        private string? ResolveOutputSchema(string? schema, ExpressionSyntax? schemaExpression, List<ParameterSpec>? parameters, DataSpec returnSpec, string methodName)
        {
            var returnRow = returnSpec.Row == RowShape.Typed ? _rows.RowTypes.FirstOrDefault(r => r.TypeName == returnSpec.RowType) : null;
            if (IsWhole && returnSpec.Shape is DataShape.Frame or DataShape.DataFrame)
            {
                if (schema is not null)
                {
                    Report(DiagnosticDescriptors.SchemaForFrameOutput, schemaExpression?.GetLocation() ?? NameLocation, methodName, TypeNames.Display(_method.ReturnType), KindText);
                }

                return null; // the returned frame carries its schema
            }

            if (schema is null)
            {
                if (returnRow is not null)
                {
                    return returnRow.Schema;
                }

                if (returnSpec.Row == RowShape.Typed)
                {
                    return null; // the row type already reported its problem
                }

                Report(DiagnosticDescriptors.UntypedOutputWithoutSchema, _syntax.ReturnType.GetLocation(), methodName, TypeNames.Display(_method.ReturnType), KindText);
                return null;
            }

            var location = schemaExpression?.GetLocation() ?? NameLocation;
            SchemaHint hint;
            try
            {
                hint = SchemaHint.Parse(schema, allowOperators: true);
                if (IsCo && hint.NeedsInput)
                {
                    Report(DiagnosticDescriptors.StarInCoTransformer, location, schema);
                    return null;
                }

                if (IsWhole && hint.NeedsInput)
                {
                    Report(DiagnosticDescriptors.StarInWholeFrameSchema, location, KindText, schema);
                    return null;
                }

                if (IsCo || IsWhole)
                {
                    hint = SchemaHint.Parse(schema, allowOperators: false);
                }
            }
            catch (SchemaSyntaxException e)
            {
                ReportSchemaError(schema, schemaExpression, e);
                return null;
            }

            List<SchemaField> fields;
            if (hint.NeedsInput)
            {
                var input = parameters?.FirstOrDefault(p => p.Role == ParameterRole.Data)?.Data;
                var inputRow = input is { Row: RowShape.Typed } ? _rows.RowTypes.FirstOrDefault(r => r.TypeName == input.RowType) : null;
                if (inputRow is null)
                {
                    return null; // resolved at run time from the frame's schema
                }

                try
                {
                    var inputFields = SchemaExpressionParser.Parse(inputRow.Schema).Select(f => f!).ToList();
                    fields = hint.Apply(inputFields);
                }
                catch (SchemaSyntaxException e)
                {
                    ReportSchemaError(schema, schemaExpression, e, "with '*' = " + inputRow.DisplayName + " (" + inputRow.Schema + "): ");
                    return null;
                }
            }
            else
            {
                fields = hint.Head.Select(f => f!).ToList();
            }

            var text = string.Join(",", fields.Select(f => f.Text));
            if (returnRow is not null)
            {
                CompareWithRowType(returnRow, fields, schema, location);
            }

            return text;
        }

        private void CompareWithRowType(RowTypeSpec row, List<SchemaField> fields, string schema, Location location)
        {
            var members = row.Members.ToDictionary(m => m.ColumnName, StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (!members.TryGetValue(field.Name, out var member))
                {
                    Report(DiagnosticDescriptors.MissingColumn, location, row.DisplayName, schema, field.Name, field.Type.Text);
                    continue;
                }

                var memberType = SchemaExpressionParser.ParseType(member.Type.SchemaType);
                if (!field.Type.Accepts(memberType))
                {
                    Report(DiagnosticDescriptors.ColumnTypeMismatch, location, row.DisplayName, schema, field.Name, field.Type.Text, memberType.Text);
                }
            }

            var declared = new HashSet<string>(fields.Select(f => f.Name), StringComparer.Ordinal);
            foreach (var member in row.Members)
            {
                if (!declared.Contains(member.ColumnName))
                {
                    Report(DiagnosticDescriptors.ExtraColumn, location, row.DisplayName, schema, member.ColumnName, member.Type.SchemaType);
                }
            }
        }

        private void ReportSchemaError(string schema, ExpressionSyntax? expression, SchemaSyntaxException e, string prefix = "")
        {
            if (e.IsDuplicate)
            {
                var dupName = e.Reason.Substring(e.Reason.IndexOf('\'') + 1).TrimEnd('\'');
                Report(DiagnosticDescriptors.DuplicateColumn, expression?.GetLocation() ?? NameLocation, dupName, "the schema \"" + schema + "\"" + (prefix.Length > 0 ? " " + prefix.TrimEnd(':', ' ') : string.Empty));
                return;
            }

            Report(DiagnosticDescriptors.InvalidSchema, PositionLocation(expression, schema, e.Position), schema, e.Position.ToString(CultureInfo.InvariantCulture), prefix + e.Reason);
        }

        private Location PositionLocation(ExpressionSyntax? expression, string schema, int position)
        {
            if (expression is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
            {
                var text = literal.Token.Text;
                var quote = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) ? 1 : -1;
                // Only plain literals map character for character; escapes shift positions.
                if (quote > 0 && text.Length == schema.Length + quote + 1 && text.IndexOf('\\') < 0 && text.IndexOf("\"\"", quote, StringComparison.Ordinal) < 0)
                {
                    var start = literal.Token.SpanStart + quote + Math.Min(position, schema.Length);
                    var length = position < schema.Length ? 1 : 0;
                    return Location.Create(literal.SyntaxTree, new TextSpan(start, length));
                }
            }

            return expression?.GetLocation() ?? NameLocation;
        }

        private string? SchemaArgument(out ExpressionSyntax? expression)
        {
            expression = null;
            if (_attribute is null)
            {
                return null;
            }

            if (_attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax attributeSyntax
                && attributeSyntax.ArgumentList is { Arguments.Count: > 0 } args)
            {
                expression = args.Arguments[0].Expression;
            }

            if (_attribute.ConstructorArguments.Length > 0 && _attribute.ConstructorArguments[0].Value is string value)
            {
                return value;
            }

            return null;
        }

        private DataSpec? ClassifyData(ITypeSymbol type, bool isReturn)
        {
            var qualified = TypeNames.Qualified(type);
            if (TypeNames.Is(type, TypeNames.LocalDataFrame))
            {
                return new DataSpec(DataShape.Frame, CollectionShape.None, RowShape.None, null, qualified);
            }

            if (IsWhole && TypeNames.Is(type, TypeNames.DataFrame))
            {
                return new DataSpec(DataShape.DataFrame, CollectionShape.None, RowShape.None, null, qualified);
            }

            if (TypeNames.Is(type, TypeNames.DataFrames))
            {
                return new DataSpec(DataShape.Frames, CollectionShape.None, RowShape.None, null, qualified);
            }

            if (TypeNames.Is(type, TypeNames.RecordBatch))
            {
                return new DataSpec(DataShape.Batch, CollectionShape.None, RowShape.None, null, qualified);
            }

            if (isReturn && IsDictionaryRow(type))
            {
                return new DataSpec(DataShape.SingleRow, CollectionShape.None, RowShape.Dictionary, null, qualified);
            }

            ITypeSymbol? element = null;
            var collection = CollectionShape.None;
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                element = array.ElementType;
                collection = CollectionShape.Array;
            }
            else if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            {
                collection = TypeNames.FullMetadataName(named.OriginalDefinition) switch
                {
                    "System.Collections.Generic.IEnumerable`1" => CollectionShape.Enumerable,
                    "System.Collections.Generic.IReadOnlyList`1" => CollectionShape.ReadOnlyList,
                    "System.Collections.Generic.List`1" => CollectionShape.List,
                    _ => CollectionShape.None,
                };
                element = collection == CollectionShape.None ? null : named.TypeArguments[0];
            }

            if (element is not null)
            {
                if (TypeNames.Is(element, TypeNames.RecordBatch))
                {
                    return collection == CollectionShape.Enumerable
                        ? new DataSpec(DataShape.Batches, collection, RowShape.None, null, qualified)
                        : null;
                }

                if (element is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Object })
                {
                    return new DataSpec(DataShape.Rows, collection, RowShape.ObjectArray, null, qualified);
                }

                if (IsDictionaryRow(element))
                {
                    return new DataSpec(DataShape.Rows, collection, RowShape.Dictionary, TypeNames.Qualified(element), qualified);
                }

                if (RowTypeMapper.IsRowTypeCandidate(element))
                {
                    var row = _rows.Map(element);
                    _rowTypeFailed = row is null;
                    return row is null ? null : new DataSpec(DataShape.Rows, collection, RowShape.Typed, row.TypeName, qualified);
                }

                return null;
            }

            if (isReturn && RowTypeMapper.IsRowTypeCandidate(type))
            {
                var row = _rows.Map(type);
                _rowTypeFailed = row is null;
                return row is null ? null : new DataSpec(DataShape.SingleRow, CollectionShape.None, RowShape.Typed, row.TypeName, qualified);
            }

            return null;
        }

        private static bool IsDictionaryRow(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
            && named.TypeArguments[0].SpecialType == SpecialType.System_String
            && named.TypeArguments[1].SpecialType == SpecialType.System_Object
            && TypeNames.FullMetadataName(named.OriginalDefinition) is "System.Collections.Generic.Dictionary`2"
                or "System.Collections.Generic.IDictionary`2" or "System.Collections.Generic.IReadOnlyDictionary`2";

        private static bool LooksLikeData(ITypeSymbol type) =>
            type is IArrayTypeSymbol
            || (type.SpecialType != SpecialType.System_String && type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
            || (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            || (type.ContainingNamespace?.ToDisplayString() is "Fugue.Frames" or "Fugue.Columnar");

        private string AcceptedInputs() => IsWhole
            ? DiagnosticDescriptors.AcceptedInputs + "; DataFrame (one per frame), or a single DataFrames"
            : IsCo
            ? DiagnosticDescriptors.AcceptedInputs + " (one per zipped frame), or a single DataFrames"
            : DiagnosticDescriptors.AcceptedInputs;

        private string AcceptedOutputs() => _kind == TransformerKind.Outputter
            ? "void"
            : IsWhole
            ? DiagnosticDescriptors.AcceptedWholeOutputs
            : IsOutput
            ? "void, or " + DiagnosticDescriptors.AcceptedOutputs
            : DiagnosticDescriptors.AcceptedOutputs;

        private Location ParameterTypeLocation(int index)
        {
            var list = _syntax.ParameterList.Parameters;
            if (index < list.Count)
            {
                var p = list[index];
                return p.Type?.GetLocation() ?? p.GetLocation();
            }

            return NameLocation;
        }

        private static bool IsTransformerAttribute(AttributeData attribute) =>
            attribute.AttributeClass is { } c && TypeNames.ExtensionAttributes.Contains(TypeNames.FullMetadataName(c));

        /// <summary>The attribute's rule properties, each checked (FUG017 at the offending argument); null when none is set.</summary>
        private ValidationRulesSpec? ParseRules()
        {
            if (_attribute is null || _attribute.NamedArguments.Length == 0)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var set = new Rules.ValidationRuleSet();
            foreach (var named in _attribute.NamedArguments)
            {
                if (Array.IndexOf(Rules.ValidationRuleSet.Names, named.Key) < 0 || named.Value.Value is not string text)
                {
                    continue;
                }

                var expression = RuleExpression(named.Key);
                try
                {
                    set.Add(named.Key, text);
                    values[named.Key] = text;
                }
                catch (SchemaSyntaxException e)
                {
                    Report(DiagnosticDescriptors.InvalidValidationRule, PositionLocation(expression, text, e.Position), named.Key, text, e.Reason);
                }
            }

            if (values.Count == 0)
            {
                return null;
            }

            string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
            return new ValidationRulesSpec(
                Get(Rules.ValidationRuleSet.PartitionByHas),
                Get(Rules.ValidationRuleSet.PartitionByIs),
                Get(Rules.ValidationRuleSet.PresortHas),
                Get(Rules.ValidationRuleSet.PresortIs),
                Get(Rules.ValidationRuleSet.InputHas),
                Get(Rules.ValidationRuleSet.InputIs));
        }

        private ExpressionSyntax? RuleExpression(string name) =>
            (_attribute?.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression;

        private static bool IsAccessible(IMethodSymbol method)
        {
            if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }

            for (var t = method.ContainingType; t is not null; t = t.ContainingType)
            {
                if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AnyGenericContainer(INamedTypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        private static string FormatDefault(IParameterSymbol p)
        {
            var type = TypeNames.Qualified(p.Type);
            var value = p.ExplicitDefaultValue;
            if (value is null)
            {
                return "default(" + type + ")";
            }

            if (p.Type.TypeKind == TypeKind.Enum)
            {
                return "(" + type + ")" + Convert.ToString(value, CultureInfo.InvariantCulture);
            }

            switch (value)
            {
                case bool b:
                    return b ? "true" : "false";
                case string s:
                    return SymbolDisplay.FormatLiteral(s, quote: true);
                case char c:
                    return SymbolDisplay.FormatLiteral(c, quote: true);
                case double d:
                    return double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "d";
                case float f:
                    return float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "f";
                case decimal m:
                    return m.ToString(CultureInfo.InvariantCulture) + "m";
                default:
                    return "(" + type + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
            }
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
            _diagnostics.Add(Diagnostic.Create(descriptor, location, args));
    }
}
