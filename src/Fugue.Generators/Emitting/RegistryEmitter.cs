using Fugue.Generators.Helpers;
using Fugue.Generators.Model;

namespace Fugue.Generators.Emitting;

/// <summary>
/// Emits the module initializer that registers every adapter of the assembly under its stable name, so any
/// process that loads the assembly finds the transformers by name.
/// </summary>
internal static class RegistryEmitter
{
    public static string Emit(EquatableArray<RegistrationSpec> registrations)
    {
        var w = new SourceWriter();
        Names.Header(w);
        w.Open("namespace " + Names.Namespace);
        w.Line("/// <summary>Registers this assembly's transformers when the module loads.</summary>");
        w.Line(Names.GeneratedCode);
        w.Open("internal static class FugueTransformerRegistration");
        w.Line("#pragma warning disable CA2255 // registering generated transformers is what a module initializer is for");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("#pragma warning restore CA2255");
        w.Open("internal static void Register()");
        foreach (var r in registrations)
        {
            w.Line(Names.Transformers + ".TransformerRegistry.Register(" + Names.Literal(r.Key) + ", " + Names.Transformers + ".TransformerKind." + r.Kind + ", static parameters => new global::" + Names.Namespace + "." + r.AdapterName + "(parameters));");
        }

        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
