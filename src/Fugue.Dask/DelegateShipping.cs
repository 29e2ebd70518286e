using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Dask;

/// <summary>
/// Ships a delegate (a lambda, a local function or a method group) to the executors: its method as (assembly, metadata
/// token), and its closure object's captured fields as values (primitives, strings, dates, <see cref="Schema"/>,
/// <see cref="PartitionSpec"/>, enums, arrays of those, nested closures and delegates). The executor rebuilds the closure
/// with <see cref="RuntimeHelpers.GetUninitializedObject"/> and field sets: reflection per task, never per row; it is
/// why this engine is not trimmable for arbitrary lambdas (registered transformers are shipped by name instead).
/// </summary>
public static class DelegateShipping
{
    /// <summary>The shippable description of <paramref name="function"/>.</summary>
    /// <exception cref="NotSupportedException">A captured variable has a type that cannot be shipped (the message names it).</exception>
    public static JsonObject Serialize(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.GetInvocationList().Length > 1)
        {
            throw new NotSupportedException("cannot ship a multicast delegate to Dask workers");
        }

        var method = function.Method;
        var o = new JsonObject
        {
            ["delegate"] = function.GetType().AssemblyQualifiedName,
            ["asm"] = method.Module.Assembly.FullName,
            ["token"] = method.MetadataToken,
            ["method"] = (method.DeclaringType?.FullName ?? "?") + "." + method.Name,
        };
        if (function.Target is not null)
        {
            o["target"] = Value(function.Target, "the closure of " + o["method"], FieldsUsedBy(method));
        }

        return o;
    }

    /// <summary>Rebuilds a delegate from <see cref="Serialize"/>'s description (on the executor).</summary>
    public static Delegate Deserialize(JsonObject description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var delegateType = ResolveType((string)description["delegate"]!);
        var assembly = Assembly.Load(new AssemblyName((string)description["asm"]!));
        var token = (int)description["token"]!;
        var method = assembly.ManifestModule.ResolveMethod(token) as MethodInfo
            ?? throw new InvalidOperationException($"metadata token {token} of {assembly.FullName} is not a method ({description["method"]}): are the driver's and the executor's assemblies the same build?");
        var target = description["target"] is JsonObject t ? FromValue(t) : null;
        return method.IsStatic ? Delegate.CreateDelegate(delegateType, method) : Delegate.CreateDelegate(delegateType, target, method);
    }

    /// <summary>Encodes a value of a shippable kind (see the class remarks) as JSON.</summary>
    /// <exception cref="NotSupportedException">The value's type cannot be shipped.</exception>
    public static JsonObject EncodeValue(object? value, string where) => Value(value, where);

    /// <summary>Decodes a value encoded by <see cref="EncodeValue"/>.</summary>
    public static object? DecodeValue(JsonObject value) => FromValue(value);

    private static Type ResolveType(string name) =>
        Type.GetType(name, throwOnError: false) ?? throw new TypeLoadException($"the executor cannot load type '{name}': ship the assembly that defines it");

    /// <summary>
    /// The fields the method's IL loads or stores (ldfld, ldflda, stfld operands). A closure class holds every variable
    /// captured by any lambda of its scope; an unshippable field the method never touches is left out rather than failing.
    /// Misreading an operand byte as an opcode can only add fields, which errs on the side of shipping them.
    /// </summary>
    private static HashSet<FieldInfo>? FieldsUsedBy(MethodInfo method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return null;
        }

        var used = new HashSet<FieldInfo>();
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is 0x7B or 0x7C or 0x7D)
            {
                var token = BitConverter.ToInt32(il, i + 1);
                try
                {
                    if (method.Module.ResolveField(token, method.DeclaringType?.GetGenericArguments(), method.GetGenericArguments()) is { } f)
                    {
                        used.Add(f);
                    }
                }
                catch (ArgumentException)
                {
                    // not a field token: an operand byte that looks like the opcode
                }
            }
        }

        return used;
    }

    private static JsonObject Value(object? value, string where, HashSet<FieldInfo>? used = null)
    {
        switch (value)
        {
            case null:
                return new JsonObject { ["k"] = "null" };
            case string s:
                return new JsonObject { ["k"] = "string", ["v"] = s };
            case bool b:
                return new JsonObject { ["k"] = "bool", ["v"] = b };
            case Enum e:
                return new JsonObject { ["k"] = "enum", ["t"] = e.GetType().AssemblyQualifiedName, ["v"] = Convert.ToInt64(e, CultureInfo.InvariantCulture) };
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or char or Half:
                return new JsonObject { ["k"] = value.GetType().Name, ["v"] = ((IFormattable)value).ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture) };
            case DateTime dt:
                return new JsonObject { ["k"] = "DateTime", ["v"] = dt.Ticks, ["kind"] = (int)dt.Kind };
            case DateOnly d:
                return new JsonObject { ["k"] = "DateOnly", ["v"] = d.DayNumber };
            case TimeSpan ts:
                return new JsonObject { ["k"] = "TimeSpan", ["v"] = ts.Ticks };
            case Guid g:
                return new JsonObject { ["k"] = "Guid", ["v"] = g.ToString() };
            case byte[] bytes:
                return new JsonObject { ["k"] = "bytes", ["v"] = Convert.ToBase64String(bytes) };
            case Schema schema:
                return new JsonObject { ["k"] = "Schema", ["v"] = schema.ToString() };
            case PartitionSpec spec:
                return new JsonObject { ["k"] = "PartitionSpec", ["v"] = DaskJson.Spec(spec) };
            case Delegate d:
                return new JsonObject { ["k"] = "delegate", ["v"] = Serialize(d) };
            case Array a when a.Rank == 1:
                {
                    var items = new JsonArray();
                    foreach (var item in a)
                    {
                        items.Add(Value(item, where + "[]"));
                    }

                    return new JsonObject { ["k"] = "array", ["t"] = a.GetType().GetElementType()!.AssemblyQualifiedName, ["v"] = items };
                }
        }

        var type = value.GetType();
        if (!IsClosureType(type))
        {
            throw new NotSupportedException(
                $"cannot ship captured variable {where} of type {type.FullName} to Dask workers: a function run on Dask may capture only primitives, strings, dates, Schema, PartitionSpec, enums, arrays of those and other lambdas; pass other state through the frame or the engine conf, or use a registered transformer");
        }

        var fields = new JsonObject();
        foreach (var f in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            try
            {
                fields[f.Name] = Value(f.GetValue(value), FieldName(f), used);
            }
            catch (NotSupportedException) when (used is not null && !used.Contains(f))
            {
                // captured for another lambda of the same scope: this function never reads it
            }
        }

        return new JsonObject { ["k"] = "object", ["t"] = type.AssemblyQualifiedName, ["f"] = fields };
    }

    private static string FieldName(FieldInfo f) => f.Name == "<>4__this" ? "'this' (the enclosing instance)" : "'" + f.Name + "'";

    private static bool IsClosureType(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) && type.Name.StartsWith('<') && !type.IsValueType;

    private static object? FromValue(JsonObject v)
    {
        var k = (string)v["k"]!;
        string S() => (string)v["v"]!;
        switch (k)
        {
            case "null": return null;
            case "string": return S();
            case "bool": return (bool)v["v"]!;
            case "enum": return Enum.ToObject(ResolveType((string)v["t"]!), (long)v["v"]!);
            case "SByte": return sbyte.Parse(S(), CultureInfo.InvariantCulture);
            case "Byte": return byte.Parse(S(), CultureInfo.InvariantCulture);
            case "Int16": return short.Parse(S(), CultureInfo.InvariantCulture);
            case "UInt16": return ushort.Parse(S(), CultureInfo.InvariantCulture);
            case "Int32": return int.Parse(S(), CultureInfo.InvariantCulture);
            case "UInt32": return uint.Parse(S(), CultureInfo.InvariantCulture);
            case "Int64": return long.Parse(S(), CultureInfo.InvariantCulture);
            case "UInt64": return ulong.Parse(S(), CultureInfo.InvariantCulture);
            case "Single": return float.Parse(S(), CultureInfo.InvariantCulture);
            case "Double": return double.Parse(S(), CultureInfo.InvariantCulture);
            case "Decimal": return decimal.Parse(S(), CultureInfo.InvariantCulture);
            case "Char": return S()[0];
            case "Half": return Half.Parse(S(), CultureInfo.InvariantCulture);
            case "DateTime": return new DateTime((long)v["v"]!, (DateTimeKind)(int)v["kind"]!);
            case "DateOnly": return DateOnly.FromDayNumber((int)v["v"]!);
            case "TimeSpan": return new TimeSpan((long)v["v"]!);
            case "Guid": return Guid.Parse(S());
            case "bytes": return Convert.FromBase64String(S());
            case "Schema": return Schema.Parse(S());
            case "PartitionSpec": return DaskJson.ToSpec(v["v"]!.AsObject());
            case "delegate": return Deserialize(v["v"]!.AsObject());
            case "array":
                {
                    var items = v["v"]!.AsArray();
                    var array = Array.CreateInstance(ResolveType((string)v["t"]!), items.Count);
                    for (var i = 0; i < items.Count; i++)
                    {
                        array.SetValue(FromValue(items[i]!.AsObject()), i);
                    }

                    return array;
                }

            case "object":
                {
                    var type = ResolveType((string)v["t"]!);
                    var obj = RuntimeHelpers.GetUninitializedObject(type);
                    foreach (var (name, fv) in v["f"]!.AsObject())
                    {
                        var field = type.GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                            ?? throw new MissingFieldException(type.FullName, name);
                        field.SetValue(obj, FromValue(fv!.AsObject()));
                    }

                    return obj;
                }

            default:
                throw new InvalidDataException($"unknown shipped value kind '{k}'");
        }
    }
}
