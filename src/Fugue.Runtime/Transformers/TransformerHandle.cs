namespace Fugue.Transformers;

/// <summary>
/// What engines accept to name a transformer: built from the method group itself
/// (<c>engine.Transform(df, Pipelines.Rank)</c>, through a <c>[TransformerHandle] Delegate</c> parameter, which the
/// analyzer checks at compile time) or from the registry name.
/// </summary>
public readonly struct TransformerHandle : IEquatable<TransformerHandle>
{
    private TransformerHandle(TransformerRegistration registration) => Registration = registration;

    /// <summary>The registration the handle refers to.</summary>
    public TransformerRegistration Registration { get; }

    /// <summary>The stable name.</summary>
    public string Name => Registration.Name;

    /// <summary>The attribute kind.</summary>
    public TransformerKind Kind => Registration.Kind;

    /// <summary>The handle of an annotated method passed as a method group.</summary>
    public static TransformerHandle From(Delegate method) => new(TransformerRegistry.Get(method));

    /// <summary>The handle of a registered name, "Namespace.Type.Method".</summary>
    public static TransformerHandle FromName(string name) => new(TransformerRegistry.Get(name));

    /// <inheritdoc />
    public bool Equals(TransformerHandle other) => ReferenceEquals(Registration, other.Registration);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TransformerHandle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Registration?.GetHashCode() ?? 0;

    /// <inheritdoc />
    public override string ToString() => Registration?.ToString() ?? "(none)";

    /// <summary>Equality.</summary>
    public static bool operator ==(TransformerHandle left, TransformerHandle right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TransformerHandle left, TransformerHandle right) => !left.Equals(right);
}
