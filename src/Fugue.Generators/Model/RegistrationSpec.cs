namespace Fugue.Generators.Model;

/// <summary>What the module initializer needs to register one adapter.</summary>
internal sealed record RegistrationSpec(string Key, string AdapterName, string ContainingType, string MethodName, TransformerKind Kind);
