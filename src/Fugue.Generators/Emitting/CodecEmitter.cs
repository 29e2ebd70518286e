using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Fugue.Generators.Model;

namespace Fugue.Generators.Emitting;

/// <summary>
/// Emits the codec of one row type: its schema, a reader that binds columns by name (so frames may carry
/// extra columns) and builds rows without reflection, a writer that appends rows to typed column builders,
/// and canonical-value converters used when the type is nested in another row type.
/// </summary>
internal static class CodecEmitter
{
    public static string Emit(RowTypeSpec row, CancellationToken cancellationToken)
    {
        var w = new SourceWriter();
        Names.Header(w);
        w.Open("namespace " + Names.Namespace);
        w.Line("/// <summary>Codec of <see cref=\"" + row.TypeName.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}') + "\"/>.</summary>");
        w.Line(Names.GeneratedCode);
        w.Open("internal sealed class " + row.CodecName + " : " + Names.Codecs + ".RowCodec<" + row.TypeName + ">");
        w.Line("/// <summary>The shared instance.</summary>");
        w.Line("public static readonly " + row.CodecName + " Instance = new();");
        w.Line();
        w.Line("private " + row.CodecName + "()");
        w.Line("    : base(" + Names.Literal(row.DisplayName) + ", " + Names.Literal(row.Schema) + ")");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line("/// <summary>Registers the codec by row type, so typed rows become frames without reflection.</summary>");
        w.Line("#pragma warning disable CA2255 // registering generated codecs is what a module initializer is for");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("#pragma warning restore CA2255");
        w.Line("internal static void Register() => " + Names.Codecs + ".RowCodecRegistry.Register<" + row.TypeName + ">(Instance);");
        w.Line();
        if (row.CanConstruct)
        {
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Names.Codecs + ".RowReader<" + row.TypeName + "> CreateReader(" + Names.Codecs + ".ColumnBinder binder) => new Reader(binder);");
        }
        else
        {
            w.Line("/// <inheritdoc />");
            w.Line("public override " + Names.Codecs + ".RowReader<" + row.TypeName + "> CreateReader(" + Names.Codecs + ".ColumnBinder binder) =>");
            w.Line("    throw new global::System.NotSupportedException(" + Names.Literal(row.DisplayName + " has no constructor the generator can call, so it can only be written, not read.") + ");");
        }

        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override " + Names.Codecs + ".RowWriter<" + row.TypeName + "> CreateWriter(" + Names.Codecs + ".ColumnBinder binder) => new Writer(binder);");
        w.Line();
        EmitToCanonical(w, row);
        w.Line();
        if (row.CanConstruct)
        {
            EmitFromCanonical(w, row);
            w.Line();
            EmitReader(w, row);
            w.Line();
        }

        EmitWriter(w, row);
        EmitConverters(w, row, cancellationToken);
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitReader(SourceWriter w, RowTypeSpec row)
    {
        w.Open("private sealed class Reader : " + Names.Codecs + ".RowReader<" + row.TypeName + ">");
        for (var i = 0; i < row.Members.Count; i++)
        {
            w.Line("private readonly " + Accessor(row.Members[i].Type) + " _c" + Index(i) + ";");
        }

        w.Line();
        w.Open("public Reader(" + Names.Codecs + ".ColumnBinder binder)");
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            var kind = m.Type.Kind switch
            {
                ValueKind.List => ", global::Fugue.Schemas.TypeKind.List",
                ValueKind.Struct => ", global::Fugue.Schemas.TypeKind.Struct",
                ValueKind.Map => ", global::Fugue.Schemas.TypeKind.Map",
                _ => string.Empty,
            };
            w.Line("_c" + Index(i) + " = new(binder, " + Names.Literal(m.ColumnName) + ", " + Names.Literal(m.MemberName) + kind + ");");
        }

        w.Close();
        w.Line();
        w.Open("public override void Bind(global::System.Collections.Generic.IReadOnlyList<" + Names.Column + "> columns)");
        for (var i = 0; i < row.Members.Count; i++)
        {
            w.Line("_c" + Index(i) + ".Bind(columns);");
        }

        w.Close();
        w.Line();
        var values = new List<string>();
        for (var i = 0; i < row.Members.Count; i++)
        {
            values.Add(ReadExpression(row.Members[i], i));
        }

        w.Line("public override " + row.TypeName + " Read(int row) =>");
        w.Indent();
        EmitConstruction(w, row, values, ";");
        w.Unindent();
        w.Line();
        EmitChunkRead(w, row);
        w.Close();
    }

    /// <summary>
    /// The chunk reader: column spans, null flags and converters hoisted once per call, then one tight loop that
    /// builds the rows (no per-row virtual call, column lookup or buffer slicing for scalar members).
    /// </summary>
    private static void EmitChunkRead(SourceWriter w, RowTypeSpec row)
    {
        w.Open("public override void Read(int start, global::System.Span<" + row.TypeName + "> rows)");
        var values = new List<string>();
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            var n = Index(i);
            var hoisted = true;
            switch (m.Type.Kind)
            {
                case ValueKind.String:
                    w.Line("var o" + n + " = _c" + n + ".Offsets;");
                    w.Line("var d" + n + " = _c" + n + ".Data;");
                    values.Add(Bang(m.Type, "(n" + n + " && _c" + n + ".IsNull(row) ? null : " + Names.Codecs + ".StringAccessor.Decode(o" + n + ", d" + n + ", row))"));
                    break;
                case ValueKind.Timestamp:
                    w.Line("var v" + n + " = _c" + n + ".Values;");
                    w.Line("var z" + n + " = _c" + n + ".Decoder;");
                    values.Add(m.Type.IsNullableValue
                        ? "n" + n + " && _c" + n + ".IsNull(row) ? default(global::System.DateTime?) : z" + n + ".Decode(v" + n + "[row])"
                        : "n" + n + " ? _c" + n + ".GetRequired(row) : z" + n + ".Decode(v" + n + "[row])");
                    break;
                case ValueKind.Date:
                    w.Line("var v" + n + " = _c" + n + ".Values;");
                    values.Add(m.Type.IsNullableValue
                        ? "n" + n + " && _c" + n + ".IsNull(row) ? default(global::System.DateOnly?) : " + Names.Codecs + ".DateAccessor.Decode(v" + n + "[row])"
                        : "n" + n + " ? _c" + n + ".GetRequired(row) : " + Names.Codecs + ".DateAccessor.Decode(v" + n + "[row])");
                    break;
                case ValueKind.Bool:
                case ValueKind.Decimal:
                case ValueKind.Binary:
                case ValueKind.List:
                case ValueKind.Map:
                case ValueKind.Struct:
                    hoisted = false;
                    values.Add(ReadExpression(m, i));
                    break;
                default:
                    w.Line("var v" + n + " = _c" + n + ".Values;");
                    values.Add(m.Type.IsNullableValue
                        ? "n" + n + " && _c" + n + ".IsNull(row) ? default(" + ClrName(m.Type.Kind) + "?) : v" + n + "[row]"
                        : "n" + n + " ? _c" + n + ".GetRequired(row) : v" + n + "[row]");
                    break;
            }

            if (hoisted)
            {
                w.Line("var n" + n + " = _c" + n + ".HasNulls;");
            }
        }

        w.Open("for (var i = 0; i < rows.Length; i++)");
        w.Line("var row = start + i;");
        EmitConstruction(w, row, values, ";", "rows[i] = ");
        w.Close();
        w.Close();
    }

    private static void EmitConstruction(SourceWriter w, RowTypeSpec row, List<string> values, string terminator, string prefix = "")
    {
        var ctorArgs = new string[row.ConstructorArity];
        var inits = new List<string>();
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            if (m.ConstructorIndex >= 0)
            {
                ctorArgs[m.ConstructorIndex] = values[i];
            }
            else
            {
                inits.Add(Names.Identifier(m.MemberName) + " = " + values[i] + ",");
            }
        }

        for (var i = 0; i < ctorArgs.Length; i++)
        {
            // A constructor parameter without a column keeps its default (only possible for duplicates already reported).
            ctorArgs[i] ??= "default!";
        }

        if (ctorArgs.Length == 0 && inits.Count == 0)
        {
            w.Line(prefix + "new " + row.TypeName + "()" + terminator);
            return;
        }

        if (ctorArgs.Length > 0)
        {
            w.Line(prefix + "new " + row.TypeName + "(");
            w.Indent();
            for (var i = 0; i < ctorArgs.Length; i++)
            {
                w.Line(ctorArgs[i] + (i + 1 < ctorArgs.Length ? "," : ")" + (inits.Count == 0 ? terminator : string.Empty)));
            }

            w.Unindent();
        }
        else
        {
            w.Line(prefix + "new " + row.TypeName + "()");
        }

        if (inits.Count > 0)
        {
            w.Line("{");
            w.Indent();
            foreach (var init in inits)
            {
                w.Line(init);
            }

            w.Unindent();
            w.Line("}" + terminator);
        }
    }

    private static string ReadExpression(RowMemberSpec m, int i)
    {
        var field = "_c" + Index(i);
        var t = m.Type;
        switch (t.Kind)
        {
            case ValueKind.List:
            case ValueKind.Map:
            case ValueKind.Struct:
                return "FromValue" + Index(i) + "(" + field + ".Get(row))";
            case ValueKind.String:
            case ValueKind.Binary:
                return Bang(t, field + ".Get(row)");
            default:
                return t.IsNullableValue ? field + ".GetNullable(row)" : field + ".GetRequired(row)";
        }
    }

    private static void EmitWriter(SourceWriter w, RowTypeSpec row)
    {
        w.Open("private sealed class Writer : " + Names.Codecs + ".RowWriter<" + row.TypeName + ">");
        for (var i = 0; i < row.Members.Count; i++)
        {
            w.Line("private readonly " + ValueWriter(row.Members[i].Type) + " _w" + Index(i) + ";");
        }

        w.Line();
        w.Line("public Writer(" + Names.Codecs + ".ColumnBinder binder)");
        w.Line("    : base(binder)");
        w.Line("{");
        w.Indent();
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            w.Line("_w" + Index(i) + " = new(binder, " + Names.Literal(m.ColumnName) + ", " + Names.Literal(m.MemberName) + ");");
        }

        w.Line("binder.EnsureAllColumnsBound();");
        w.Close();
        w.Line();
        w.Open("protected override void WriteRange(global::System.ReadOnlySpan<" + row.TypeName + "> rows)");
        for (var i = 0; i < row.Members.Count; i++)
        {
            w.Line("_w" + Index(i) + ".Bind(Builder);");
        }

        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            var n = Index(i);
            var value = "rows[i]." + Names.Identifier(m.MemberName);
            w.Line();
            if (IsRangeWritten(m.Type))
            {
                // Scalars column by column into a scratch span, appended as one range.
                w.Line("var s" + n + " = _w" + n + ".Reserve(rows.Length);");
                w.Open("for (var i = 0; i < s" + n + ".Length; i++)");
                w.Line("s" + n + "[i] = " + value + ";");
                w.Close();
                w.Line("_w" + n + ".Commit(rows.Length);");
                continue;
            }

            var expr = m.Type.Kind switch
            {
                ValueKind.List or ValueKind.Map or ValueKind.Struct => "_w" + n + ".AppendObject(ToValue" + n + "(" + value + "));",
                _ when m.Type.IsNullableValue => "_w" + n + ".AppendNullable(" + value + ");",
                _ => "_w" + n + ".Append(" + value + ");",
            };
            w.Open("for (var i = 0; i < rows.Length; i++)");
            w.Line(expr);
            w.Close();
        }

        w.Close();
        w.Close();
    }

    /// <summary>Non-nullable numeric and timestamp members: written through a scratch span and one range append.</summary>
    private static bool IsRangeWritten(MemberTypeSpec t) =>
        !t.IsNullableValue && t.Kind is ValueKind.Int8 or ValueKind.UInt8 or ValueKind.Int16 or ValueKind.UInt16
            or ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Float16
            or ValueKind.Float32 or ValueKind.Float64 or ValueKind.Timestamp;

    private static void EmitToCanonical(SourceWriter w, RowTypeSpec row)
    {
        w.Line("/// <summary>The row as canonical values in column order (a nested struct value).</summary>");
        w.Open("public static object?[] ToValues(" + row.TypeName + " row)");
        w.Line("var values = new object?[" + Index(row.Members.Count) + "];");
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            w.Line("values[" + Index(i) + "] = " + ToCanonical(m.Type, "row." + Names.Identifier(m.MemberName), i) + ";");
        }

        w.Line("return values;");
        w.Close();
    }

    private static void EmitFromCanonical(SourceWriter w, RowTypeSpec row)
    {
        w.Line("/// <summary>Builds a row from a canonical struct value (a dictionary by field name).</summary>");
        w.Open("public static " + row.TypeName + " FromValues(global::System.Collections.Generic.IReadOnlyDictionary<string, object?> values)");
        var exprs = new List<string>();
        for (var i = 0; i < row.Members.Count; i++)
        {
            var m = row.Members[i];
            exprs.Add(FromCanonical(m.Type, Names.Codecs + ".RowValues.Field(values, " + Names.Literal(m.ColumnName) + ")", row.DisplayName + "." + m.MemberName, 0));
        }

        EmitConstruction(w, row, exprs, ";", "return ");
        w.Close();
    }

    /// <summary>Static converters for nested members (lists, maps, structs), between canonical values and members.</summary>
    private static void EmitConverters(SourceWriter w, RowTypeSpec row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < row.Members.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var m = row.Members[i];
            if (m.Type.Kind is not (ValueKind.List or ValueKind.Map or ValueKind.Struct))
            {
                continue;
            }

            w.Line();
            if (row.CanConstruct)
            {
                w.Line("private static " + m.Type.TypeName + " FromValue" + Index(i) + "(object? value) =>");
                w.Line("    " + FromCanonical(m.Type, "value", row.DisplayName + "." + m.MemberName, 0) + ";");
                w.Line();
            }

            w.Line("private static object? ToValue" + Index(i) + "(" + m.Type.TypeName + " value) =>");
            w.Line("    " + ToCanonicalNested(m.Type, "value", 0) + ";");
        }
    }

    /// <summary>Canonical value of a member for ToValues (boxing is fine there: it is the nested path).</summary>
    private static string ToCanonical(MemberTypeSpec t, string expr, int index) =>
        t.Kind is ValueKind.List or ValueKind.Map or ValueKind.Struct ? "ToValue" + Index(index) + "(" + expr + ")" : expr;

    private static string ToCanonicalNested(MemberTypeSpec t, string expr, int depth)
    {
        var x = "x" + Index(depth);
        var k = "k" + Index(depth);
        var v = "v" + Index(depth);
        var s = "s" + Index(depth);
        switch (t.Kind)
        {
            case ValueKind.Struct:
                var codec = CodecOf(t.RowType!);
                return t.IsValueType && !t.IsNullableValue
                    ? codec + ".ToValues(" + expr + ")"
                    : expr + " is { } " + s + " ? " + codec + ".ToValues(" + s + ") : null";
            case ValueKind.List:
                return NeedsConversion(t.Element!)
                    ? Names.Codecs + ".RowValues.FromList<" + t.Element!.TypeName + ">(" + expr + ", static " + x + " => (object?)(" + ToCanonicalNested(t.Element!, x, depth + 1) + "))"
                    : expr;
            case ValueKind.Map:
                return Names.Codecs + ".RowValues.FromMap<" + t.Element!.TypeName + ", " + t.Value!.TypeName + ">(" + expr + ", static " + k + " => (object)(" + ToCanonicalNested(t.Element!, k, depth + 1) + "!), static " + v + " => (object?)(" + ToCanonicalNested(t.Value!, v, depth + 1) + "))";
            default:
                return expr;
        }
    }

    private static bool NeedsConversion(MemberTypeSpec t) => t.Kind switch
    {
        ValueKind.Struct or ValueKind.Map => true,
        ValueKind.List => NeedsConversion(t.Element!),
        _ => false,
    };

    /// <summary>A member value from a canonical value (<c>object?</c>), with safe widening.</summary>
    private static string FromCanonical(MemberTypeSpec t, string expr, string what, int depth) =>
        Bang(t, FromCanonicalCore(t, expr, what, depth));

    /// <summary>
    /// Null-forgiving for members declared as non-nullable references: a null in the frame flows through as
    /// null (Fugue columns are all nullable), without a nullable warning in the generated code.
    /// </summary>
    private static string Bang(MemberTypeSpec t, string expr) =>
        !t.IsValueType && !t.IsNullableValue && !t.TypeName.EndsWith("?", System.StringComparison.Ordinal)
            ? "(" + expr + ")!"
            : expr;

    private static string FromCanonicalCore(MemberTypeSpec t, string expr, string what, int depth)
    {
        var x = "x" + Index(depth);
        var k = "k" + Index(depth);
        var v = "v" + Index(depth);
        var s = "s" + Index(depth);
        var whatLiteral = Names.Literal(what);
        switch (t.Kind)
        {
            case ValueKind.String:
                return Names.Codecs + ".RowValues.String(" + expr + ", " + whatLiteral + ")";
            case ValueKind.Binary:
                return Names.Codecs + ".RowValues.Binary(" + expr + ", " + whatLiteral + ")";
            case ValueKind.Struct:
                var codec = CodecOf(t.RowType!);
                return t.IsValueType && !t.IsNullableValue
                    ? codec + ".FromValues(" + Names.Codecs + ".RowValues.Struct(" + expr + ", " + whatLiteral + ") ?? throw " + Names.Codecs + ".RowValues.NullError(" + whatLiteral + "))"
                    : Names.Codecs + ".RowValues.Struct(" + expr + ", " + whatLiteral + ") is { } " + s + " ? " + codec + ".FromValues(" + s + ") : null";
            case ValueKind.List:
                var method = t.Collection == CollectionShape.List ? "ToList" : "ToArray";
                return Names.Codecs + ".RowValues." + method + "<" + t.Element!.TypeName + ">(" + expr + ", " + whatLiteral + ", static " + x + " => " + FromCanonical(t.Element!, x, what + "[]", depth + 1) + ")";
            case ValueKind.Map:
                return Names.Codecs + ".RowValues.ToDictionary<" + t.Element!.TypeName + ", " + t.Value!.TypeName + ">(" + expr + ", " + whatLiteral + ", static " + k + " => " + FromCanonical(t.Element!, k, what + ".Key", depth + 1)
                    + ", static " + v + " => " + FromCanonical(t.Value!, v, what + ".Value", depth + 1) + ")";
            default:
                var clr = ClrName(t.Kind);
                return t.IsNullableValue
                    ? Names.Codecs + ".RowValues.Nullable<" + clr + ">(" + expr + ", " + whatLiteral + ")"
                    : Names.Codecs + ".RowValues.Required<" + clr + ">(" + expr + ", " + whatLiteral + ")";
        }
    }

    private static string Accessor(MemberTypeSpec t) => t.Kind switch
    {
        ValueKind.Bool => Names.Codecs + ".BooleanAccessor",
        ValueKind.String => Names.Codecs + ".StringAccessor",
        ValueKind.Binary => Names.Codecs + ".BinaryAccessor",
        ValueKind.Decimal => Names.Codecs + ".DecimalAccessor",
        ValueKind.Date => Names.Codecs + ".DateAccessor",
        ValueKind.Timestamp => Names.Codecs + ".TimestampAccessor",
        ValueKind.List or ValueKind.Map or ValueKind.Struct => Names.Codecs + ".ValueAccessor",
        _ => Names.Codecs + ".PrimitiveAccessor<" + ClrName(t.Kind) + ">",
    };

    private static string ValueWriter(MemberTypeSpec t) => t.Kind switch
    {
        ValueKind.Bool => Names.Codecs + ".BooleanWriter",
        ValueKind.String => Names.Codecs + ".StringWriter",
        ValueKind.Decimal => Names.Codecs + ".DecimalWriter",
        ValueKind.Date => Names.Codecs + ".DateWriter",
        ValueKind.Timestamp => Names.Codecs + ".TimestampWriter",
        ValueKind.Binary => Names.Codecs + ".ValueWriter<byte[]>",
        ValueKind.List or ValueKind.Map or ValueKind.Struct => Names.Codecs + ".ValueWriter<object>",
        _ => Names.Codecs + ".PrimitiveWriter<" + ClrName(t.Kind) + ">",
    };

    /// <summary>The .NET type of a scalar kind.</summary>
    public static string ClrName(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Int8 => "sbyte",
        ValueKind.UInt8 => "byte",
        ValueKind.Int16 => "short",
        ValueKind.UInt16 => "ushort",
        ValueKind.Int32 => "int",
        ValueKind.UInt32 => "uint",
        ValueKind.Int64 => "long",
        ValueKind.UInt64 => "ulong",
        ValueKind.Float16 => "global::System.Half",
        ValueKind.Float32 => "float",
        ValueKind.Float64 => "double",
        ValueKind.Decimal => "decimal",
        ValueKind.String => "string",
        ValueKind.Binary => "byte[]",
        ValueKind.Date => "global::System.DateOnly",
        ValueKind.Timestamp => "global::System.DateTime",
        _ => "object",
    };

    public static string CodecOf(string rowType) =>
        "global::" + Names.Namespace + ".Codec_" + Parsing.RowTypeMapper.Sanitize(rowType);

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
