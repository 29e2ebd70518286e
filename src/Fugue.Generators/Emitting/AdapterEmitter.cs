using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Fugue.Generators.Model;

namespace Fugue.Generators.Emitting;

/// <summary>
/// Emits the adapter of one annotated method: a class implementing the runtime's transformer contract that
/// binds params by name once, converts the partition into the declared inputs lazily, calls the method and
/// turns its result into a LocalDataFrame of the output schema.
/// </summary>
internal static class AdapterEmitter
{
    public static string Emit(TransformerSpec spec, CancellationToken cancellationToken)
    {
        var w = new SourceWriter();
        Names.Header(w);
        w.Open("namespace " + Names.Namespace);
        w.Line("/// <summary>Adapter of " + spec.Key + ".</summary>");
        w.Line(Names.GeneratedCode);
        w.Open("internal sealed class " + spec.AdapterName + " : " + Names.Transformers + "." + BaseClass(spec.Kind));
        var parameters = spec.Parameters.Where(p => p.Role == ParameterRole.Param).ToList();
        foreach (var p in parameters)
        {
            w.Line("private readonly " + p.TypeName + " _" + p.Name + ";");
        }

        if (parameters.Count > 0)
        {
            w.Line();
        }

        if (spec.Rules is { } rules)
        {
            EmitRules(w, spec.Key, rules);
        }

        w.Line("public " + spec.AdapterName + "(" + Names.Params + "? parameters)");
        var isOutput = spec.Kind is TransformerKind.OutputTransformer or TransformerKind.OutputCoTransformer or TransformerKind.Outputter;
        var baseArgs = Names.Literal(spec.Key) + ", parameters";
        if (spec.Kind is TransformerKind.Creator or TransformerKind.Processor)
        {
            baseArgs += ", " + (spec.OutputSchema is null ? "null" : Names.Literal(spec.OutputSchema));
        }
        else if (!isOutput)
        {
            baseArgs += ", " + (spec.SchemaHint is null ? "null" : Names.Literal(spec.SchemaHint))
                + ", " + (spec.OutputSchema is null ? "null" : Names.Literal(spec.OutputSchema));
        }

        baseArgs += parameters.Count == 0
            ? ", global::System.Array.Empty<string>()"
            : ", new string[] { " + string.Join(", ", parameters.Select(p => Names.Literal(p.Name))) + " }";
        w.Line("    : base(" + baseArgs + ")");
        w.Line("{");
        w.Indent();
        foreach (var p in parameters)
        {
            w.Line("_" + p.Name + " = " + (p.DefaultValue is null
                ? "Params.Required<" + p.TypeName + ">(" + Names.Literal(p.Name) + ");"
                : "Params.Optional<" + p.TypeName + ">(" + Names.Literal(p.Name) + ", " + p.DefaultValue + ");"));
        }

        w.Close();
        w.Line();
        cancellationToken.ThrowIfCancellationRequested();
        EmitInvoke(w, spec, isOutput);
        if (spec.Rules is not null)
        {
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Names.Transformers + ".ValidationRules ValidationRules => s_rules;");
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string BaseClass(TransformerKind kind) => kind switch
    {
        TransformerKind.CoTransformer => "CoTransformerAdapter",
        TransformerKind.OutputTransformer => "OutputTransformerAdapter",
        TransformerKind.OutputCoTransformer => "OutputCoTransformerAdapter",
        TransformerKind.Creator => "CreatorAdapter",
        TransformerKind.Processor => "ProcessorAdapter",
        TransformerKind.Outputter => "OutputterAdapter",
        _ => "TransformerAdapter",
    };

    /// <summary>The rules, parsed once per adapter type (the parser already checked their syntax).</summary>
    private static void EmitRules(SourceWriter w, string key, ValidationRulesSpec rules)
    {
        var args = new List<string> { Names.Literal(key) };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                args.Add(name + ": " + Names.Literal(value));
            }
        }

        Add("partitionByHas", rules.PartitionByHas);
        Add("partitionByIs", rules.PartitionByIs);
        Add("presortHas", rules.PresortHas);
        Add("presortIs", rules.PresortIs);
        Add("inputHas", rules.InputHas);
        Add("inputIs", rules.InputIs);
        w.Line("private static readonly " + Names.Transformers + ".ValidationRules s_rules = new(" + string.Join(", ", args) + ");");
        w.Line();
    }

    private static void EmitInvoke(SourceWriter w, TransformerSpec spec, bool isOutput)
    {
        var isWhole = spec.Kind is TransformerKind.Creator or TransformerKind.Processor or TransformerKind.Outputter;
        var isCo = isWhole || spec.Kind is TransformerKind.CoTransformer or TransformerKind.OutputCoTransformer;
        var input = isCo ? Names.DataFrames + " dfs" : Names.LocalDataFrame + " df";
        var signature = spec.Kind switch
        {
            TransformerKind.Creator => "protected override " + Names.DataFrame + " CreateCore(" + Names.Transformers + ".ExtensionContext context, " + Names.Schema + " output)",
            TransformerKind.Processor => "protected override " + Names.DataFrame + " ProcessCore(" + Names.Transformers + ".ExtensionContext context, " + input + ", " + Names.Schema + " output)",
            TransformerKind.Outputter => "protected override void ProcessCore(" + Names.Transformers + ".ExtensionContext context, " + input + ")",
            _ => isOutput
                ? "protected override void ProcessCore(" + Names.Cursor + " cursor, " + input + ")"
                : "protected override " + Names.LocalDataFrame + " TransformCore(" + Names.Cursor + " cursor, " + input + ", " + Names.Schema + " output)",
        };
        w.Open(signature);
        var args = new List<string>();
        var dataIndex = 0;
        foreach (var p in spec.Parameters)
        {
            switch (p.Role)
            {
                case ParameterRole.Cursor:
                    args.Add("cursor");
                    break;
                case ParameterRole.Param:
                    args.Add("_" + p.Name);
                    break;
                case ParameterRole.Engine:
                    args.Add("Engine<" + p.TypeName.TrimEnd('?') + ">(context)");
                    break;
                case ParameterRole.Context:
                    args.Add("context");
                    break;
                default:
                    var frame = isCo
                        ? (p.Data!.Shape == DataShape.Frames ? "dfs"
                            : p.Data!.Shape == DataShape.DataFrame ? "InputFrame(dfs, " + dataIndex + ", " + Names.Literal(p.Name) + ")"
                            : "Input(dfs, " + dataIndex + ", " + Names.Literal(p.Name) + ")")
                        : "df";
                    dataIndex++;
                    var local = "in" + (dataIndex - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    w.Line("var " + local + " = " + InputExpression(p.Data!, frame) + ";");
                    args.Add(local);
                    break;
            }
        }

        var call = spec.ContainingType + "." + Names.Identifier(spec.MethodName) + "(" + string.Join(", ", args) + ")";
        if (isOutput)
        {
            if (spec.Return.Shape == DataShape.Void)
            {
                w.Line(call + ";");
            }
            else
            {
                w.Line("Consume(" + call + ");");
            }
        }
        else
        {
            w.Line("var result = " + call + ";");
            w.Line("return " + OutputExpression(spec.Return, isWhole ? null : "output") + ";");
        }

        w.Close();
    }

    private static string InputExpression(DataSpec data, string frame)
    {
        switch (data.Shape)
        {
            case DataShape.Frame:
            case DataShape.Frames:
            case DataShape.DataFrame:
                return frame;
            case DataShape.Batch:
                return "ReadBatch(" + frame + ")";
            case DataShape.Batches:
                return "ReadBatches(" + frame + ")";
        }

        var rows = data.Row switch
        {
            RowShape.Typed => "ReadRows(" + CodecEmitter.CodecOf(data.RowType!) + ".Instance, " + frame + ")",
            RowShape.ObjectArray => "ReadArrays(" + frame + ")",
            _ => "ReadDictionaries(" + frame + ")",
        };
        return data.Collection switch
        {
            CollectionShape.Array => "global::System.Linq.Enumerable.ToArray(" + rows + ")",
            CollectionShape.List or CollectionShape.ReadOnlyList => "global::System.Linq.Enumerable.ToList(" + rows + ")",
            _ => rows,
        };
    }

    private static string OutputExpression(DataSpec data, string? output)
    {
        switch (data.Shape)
        {
            case DataShape.Frame when output is null:
            case DataShape.DataFrame:
                return "WriteDataFrame(result)";
            case DataShape.Frame:
                return "WriteFrame(result, output)";
            case DataShape.Batch:
                return "WriteBatches(new[] { result }, output)";
            case DataShape.Batches:
                return "WriteBatches(result, output)";
            case DataShape.SingleRow:
                return data.Row == RowShape.Typed
                    ? "WriteRows(" + CodecEmitter.CodecOf(data.RowType!) + ".Instance, One(result), output)"
                    : "WriteDictionaries(One(result), output)";
        }

        return data.Row switch
        {
            RowShape.Typed => "WriteRows(" + CodecEmitter.CodecOf(data.RowType!) + ".Instance, result, output)",
            RowShape.ObjectArray => "WriteArrays(result, output)",
            _ => "WriteDictionaries(result, output)",
        };
    }
}
