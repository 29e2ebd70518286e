namespace Fugue.Generators.Model;

/// <summary>One parameter of an annotated method.</summary>
/// <param name="Name">Parameter name (binding key for params and named zips).</param>
/// <param name="Role">What the adapter passes.</param>
/// <param name="TypeName">Fully qualified type.</param>
/// <param name="Data">Data description for <see cref="ParameterRole.Data"/>.</param>
/// <param name="DefaultValue">C# expression of the default value, or null when the parameter is required.</param>
internal sealed record ParameterSpec(string Name, ParameterRole Role, string TypeName, DataSpec? Data, string? DefaultValue);
