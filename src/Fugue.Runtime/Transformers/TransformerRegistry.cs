using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fugue.Transformers;

/// <summary>
/// Every annotated transformer of the loaded assemblies, by stable name "Namespace.Type.Method". Generated
/// module initializers fill it, so loading an assembly is enough to find its transformers by name.
/// </summary>
public static class TransformerRegistry
{
    private static readonly ConcurrentDictionary<string, TransformerRegistration> Registrations = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => Registrations.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Registers a transformer (called by generated module initializers).</summary>
    public static void Register(string name, TransformerKind kind, Func<IReadOnlyDictionary<string, object?>?, object> factory) =>
        Register(new TransformerRegistration(name, kind, factory));

    /// <summary>Registers a transformer; a second registration under the same name is an error.</summary>
    public static void Register(TransformerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!Registrations.TryAdd(registration.Name, registration))
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"A transformer named '{registration.Name}' is already registered (two loaded assemblies declare the same type and method)."));
        }
    }

    /// <summary>Finds a transformer by name.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out TransformerRegistration? registration) =>
        Registrations.TryGetValue(name, out registration);

    /// <summary>The transformer registered as <paramref name="name"/>; unknown names are an error listing the known ones.</summary>
    public static TransformerRegistration Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Registrations.TryGetValue(name, out var registration))
        {
            return registration;
        }

        var known = Names;
        throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
            $"No transformer is registered as '{name}'. Annotate the method with [Transformer] (or another transformer attribute) in an assembly that is loaded; registered: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}."));
    }

    /// <summary>The transformer a method group refers to (<c>Get(Pipelines.Rank)</c>).</summary>
    public static TransformerRegistration Get(Delegate method) => Get(NameOf(method));

    /// <summary>The registry name of the method a delegate refers to: "Namespace.Type.Method".</summary>
    public static string NameOf(Delegate method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var info = method.Method;
        var type = info.DeclaringType?.FullName?.Replace('+', '.');
        return type is null ? info.Name : type + "." + info.Name;
    }
}
