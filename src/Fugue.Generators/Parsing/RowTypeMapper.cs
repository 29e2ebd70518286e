using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Fugue.Generators.Diagnostics;
using Fugue.Generators.Helpers;
using Fugue.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Parsing;

/// <summary>
/// Maps user row types (records, classes, structs with public properties) to <see cref="RowTypeSpec"/>s,
/// reporting unsupported member types and duplicate column names.
/// </summary>
internal sealed class RowTypeMapper
{
    private readonly List<Diagnostic> _diagnostics;
    private readonly Location _fallback;
    private readonly Dictionary<string, RowTypeSpec?> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly List<RowTypeSpec> _ordered = new();
    private bool _nestedFailed;

    public RowTypeMapper(List<Diagnostic> diagnostics, Location fallback)
    {
        _diagnostics = diagnostics;
        _fallback = fallback;
    }

    /// <summary>Every row type mapped so far (nested ones included), in discovery order.</summary>
    public IReadOnlyList<RowTypeSpec> RowTypes => _ordered;

    /// <summary>Namespaces of the Fugue runtime, whose types are frames and helpers, never row types.</summary>
    private static readonly string[] RuntimeNamespaces =
    {
        "Fugue.Columnar", "Fugue.Frames", "Fugue.Schemas", "Fugue.Partitioning", "Fugue.Configuration", "Fugue.Transformers",
        "Fugue.Transformers.Codecs", "Fugue.Execution", "Fugue.Collections", "Fugue.IO", "Fugue.IO.Parquet",
    };

    /// <summary>Whether a type can be a row type: a concrete, non-system class or struct.</summary>
    public static bool IsRowTypeCandidate(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        if (named.TypeKind != TypeKind.Class && named.TypeKind != TypeKind.Struct)
        {
            return false;
        }

        if (named.IsAbstract || named.IsStatic || named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return false;
        }

        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns != "System" && !ns.StartsWith("System.", StringComparison.Ordinal)
            && Array.IndexOf(RuntimeNamespaces, ns) < 0;
    }

    /// <summary>Maps a row type; null (with diagnostics reported) when it can't be used.</summary>
    public RowTypeSpec? Map(ITypeSymbol type)
    {
        var named = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var typeName = TypeNames.Qualified(named);
        if (_done.TryGetValue(typeName, out var existing))
        {
            return existing;
        }

        _inProgress.Add(typeName);
        var spec = MapCore(named, typeName);
        _inProgress.Remove(typeName);
        _done[typeName] = spec;
        if (spec is not null)
        {
            _ordered.Add(spec);
        }

        return spec;
    }

    private RowTypeSpec? MapCore(INamedTypeSymbol type, string typeName)
    {
        var properties = CollectProperties(type);
        var ctor = ChooseConstructor(type, properties);
        var ctorParams = ctor?.Parameters ?? ImmutableParameters.Empty;
        var members = new List<RowMemberSpec>();
        var ok = true;
        var seen = new Dictionary<string, IPropertySymbol>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var ctorIndex = IndexOfParameter(ctorParams, property);
            var settable = property.SetMethod is { } setter && IsAccessible(setter);
            if (ctor is not null && ctorIndex < 0 && !settable)
            {
                // A computed get-only property: not a column.
                continue;
            }

            var column = ColumnName(property, ctorIndex >= 0 ? ctorParams[ctorIndex] : null);
            if (seen.ContainsKey(column))
            {
                Report(DiagnosticDescriptors.DuplicateColumn, property, column, "type '" + TypeNames.Display(type) + "'");
                ok = false;
                continue;
            }

            seen[column] = property;
            _nestedFailed = false;
            var memberType = MapMemberType(property.Type);
            if (memberType is null)
            {
                ok = false;
                if (_nestedFailed)
                {
                    // The nested row type already reported its own problem.
                    continue;
                }

                Report(DiagnosticDescriptors.UnsupportedMemberType, property, TypeNames.Display(type), property.Name, TypeNames.Display(property.Type));
                continue;
            }

            members.Add(new RowMemberSpec(property.Name, column, memberType, ctorIndex));
        }

        if (!ok)
        {
            return null;
        }

        var schema = string.Join(",", members.Select(m => Schemas.SchemaNames.Quote(m.ColumnName) + ":" + m.Type.SchemaType));
        return new RowTypeSpec(
            typeName,
            TypeNames.Display(type),
            "Codec_" + Sanitize(typeName),
            schema,
            members.ToEquatableArray(),
            ctor is not null,
            ctorParams.Length);
    }

    private MemberTypeSpec? MapMemberType(ITypeSymbol type)
    {
        var qualified = TypeNames.Qualified(type);
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = MapMemberType(nullable.TypeArguments[0]);
            return inner is null ? null : inner with { TypeName = qualified, IsNullableValue = true, IsValueType = false };
        }

        var isValue = type.IsValueType;
        MemberTypeSpec Simple(ValueKind kind, string schema) =>
            new(kind, schema, qualified, false, isValue, CollectionShape.None, null, null, null);

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Simple(ValueKind.Bool, "bool");
            case SpecialType.System_SByte: return Simple(ValueKind.Int8, "byte");
            case SpecialType.System_Byte: return Simple(ValueKind.UInt8, "ubyte");
            case SpecialType.System_Int16: return Simple(ValueKind.Int16, "short");
            case SpecialType.System_UInt16: return Simple(ValueKind.UInt16, "ushort");
            case SpecialType.System_Int32: return Simple(ValueKind.Int32, "int");
            case SpecialType.System_UInt32: return Simple(ValueKind.UInt32, "uint");
            case SpecialType.System_Int64: return Simple(ValueKind.Int64, "long");
            case SpecialType.System_UInt64: return Simple(ValueKind.UInt64, "ulong");
            case SpecialType.System_Single: return Simple(ValueKind.Float32, "float");
            case SpecialType.System_Double: return Simple(ValueKind.Float64, "double");
            case SpecialType.System_Decimal: return Simple(ValueKind.Decimal, "decimal(28,10)");
            case SpecialType.System_String: return Simple(ValueKind.String, "str");
            case SpecialType.System_DateTime: return Simple(ValueKind.Timestamp, "datetime");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return null;
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Simple(ValueKind.Binary, "bytes");
            }

            return ListOf(array.ElementType, CollectionShape.Array, qualified);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var metadata = TypeNames.FullMetadataName(named.OriginalDefinition);
        switch (metadata)
        {
            case "System.DateOnly": return Simple(ValueKind.Date, "date");
            case "System.Half": return Simple(ValueKind.Float16, "float16");
            case "System.Collections.Generic.IReadOnlyList`1":
            case "System.Collections.Generic.IList`1":
            case "System.Collections.Generic.ICollection`1":
            case "System.Collections.Generic.IReadOnlyCollection`1":
            case "System.Collections.Generic.IEnumerable`1":
                return ListOf(named.TypeArguments[0], CollectionShape.ReadOnlyList, qualified);
            case "System.Collections.Generic.List`1":
                return ListOf(named.TypeArguments[0], CollectionShape.List, qualified);
            case "System.Collections.Generic.IReadOnlyDictionary`2":
            case "System.Collections.Generic.IDictionary`2":
            case "System.Collections.Generic.Dictionary`2":
                var key = MapMemberType(named.TypeArguments[0]);
                var value = MapMemberType(named.TypeArguments[1]);
                if (key is null || value is null)
                {
                    return null;
                }

                var shape = metadata == "System.Collections.Generic.Dictionary`2" ? CollectionShape.List : CollectionShape.ReadOnlyList;
                return new MemberTypeSpec(ValueKind.Map, "<" + key.SchemaType + "," + value.SchemaType + ">", qualified, false, false, shape, key, value, null);
        }

        if (IsRowTypeCandidate(named))
        {
            var plain = TypeNames.Qualified(named.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            if (_inProgress.Contains(plain))
            {
                return null;
            }

            var nested = Map(named);
            if (nested is null)
            {
                _nestedFailed = true;
                return null;
            }

            if (nested.Members.Count == 0)
            {
                return null;
            }

            return new MemberTypeSpec(ValueKind.Struct, "{" + nested.Schema + "}", qualified, false, isValue, CollectionShape.None, null, null, nested.TypeName);
        }

        return null;
    }

    private MemberTypeSpec? ListOf(ITypeSymbol element, CollectionShape shape, string qualified)
    {
        var item = MapMemberType(element);
        return item is null
            ? null
            : new MemberTypeSpec(ValueKind.List, "[" + item.SchemaType + "]", qualified, false, false, shape, item, null, null);
    }

    private static List<IPropertySymbol> CollectProperties(INamedTypeSymbol type)
    {
        var levels = new List<List<IPropertySymbol>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            var level = new List<IPropertySymbol>();
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                    && names.Add(property.Name))
                {
                    level.Add(property);
                }
            }

            levels.Insert(0, level);
        }

        return levels.SelectMany(l => l).ToList();
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties)
    {
        IMethodSymbol? best = null;
        foreach (var ctor in type.InstanceConstructors)
        {
            if (!IsAccessible(ctor))
            {
                continue;
            }

            if (ctor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(ctor.Parameters[0].Type.OriginalDefinition, type.OriginalDefinition))
            {
                continue; // record copy constructor
            }

            var matches = ctor.Parameters.All(p => properties.Any(prop =>
                string.Equals(prop.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(prop.Type.WithNullableAnnotation(NullableAnnotation.None), p.Type.WithNullableAnnotation(NullableAnnotation.None))));
            if (matches && (best is null || ctor.Parameters.Length > best.Parameters.Length))
            {
                best = ctor;
            }
        }

        return best;
    }

    private static int IndexOfParameter(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters, IPropertySymbol property)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (string.Equals(parameters[i].Name, property.Name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsAccessible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static string ColumnName(IPropertySymbol property, IParameterSymbol? parameter)
    {
        foreach (var attributes in new[] { property.GetAttributes(), parameter?.GetAttributes() ?? default })
        {
            if (attributes.IsDefault)
            {
                continue;
            }

            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is { } cls && TypeNames.FullMetadataName(cls) == TypeNames.ColumnAttribute
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }
        }

        return property.Name;
    }

    private void Report(DiagnosticDescriptor descriptor, ISymbol member, params object[] args)
    {
        var location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? _fallback;
        _diagnostics.Add(Diagnostic.Create(descriptor, location, args));
    }

    /// <summary>Turns a qualified type name into an identifier fragment.</summary>
    public static string Sanitize(string qualified)
    {
        var text = qualified.StartsWith("global::", StringComparison.Ordinal) ? qualified.Substring(8) : qualified;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // '_' doubles so that A.B_C and A_B.C stay distinct.
            sb.Append(c == '_' ? "__" : char.IsLetterOrDigit(c) ? c.ToString() : "_");
        }

        return sb.ToString();
    }

    private static class ImmutableParameters
    {
        public static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> Empty =
            System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;
    }
}
