namespace Fugue.Transformers;

/// <summary>
/// Marks a static method as a Fugue outputter: whole frames in (as for <see cref="ProcessorAttribute"/>), side
/// effects only. The generator emits an <see cref="IOutputter"/> adapter and registers it under
/// "Namespace.Type.Method".
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OutputterAttribute : ExtensionRulesAttribute
{
}
