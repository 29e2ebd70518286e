using System.Globalization;

namespace Fugue.Transformers;

/// <summary>A registered transformer: its stable name, kind and adapter factory.</summary>
public sealed class TransformerRegistration
{
    private readonly Func<IReadOnlyDictionary<string, object?>?, object> _factory;

    /// <summary>Creates a registration (generated module initializers do this).</summary>
    /// <param name="name">"Namespace.Type.Method".</param>
    /// <param name="kind">The attribute kind.</param>
    /// <param name="factory">Creates an adapter bound to the given params.</param>
    public TransformerRegistration(string name, TransformerKind kind, Func<IReadOnlyDictionary<string, object?>?, object> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        Kind = kind;
        _factory = factory;
    }

    /// <summary>The stable name, "Namespace.Type.Method".</summary>
    public string Name { get; }

    /// <summary>The attribute kind.</summary>
    public TransformerKind Kind { get; }

    /// <summary>Creates an adapter of any kind bound to <paramref name="parameters"/>.</summary>
    public object Create(IReadOnlyDictionary<string, object?>? parameters = null) => _factory(parameters);

    /// <summary>Creates the <see cref="ITransformer"/>; the registration must be a [Transformer].</summary>
    public ITransformer CreateTransformer(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<ITransformer>(TransformerKind.Transformer, parameters);

    /// <summary>Creates the <see cref="ICoTransformer"/>; the registration must be a [CoTransformer].</summary>
    public ICoTransformer CreateCoTransformer(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<ICoTransformer>(TransformerKind.CoTransformer, parameters);

    /// <summary>Creates the <see cref="IOutputTransformer"/>; the registration must be an [OutputTransformer].</summary>
    public IOutputTransformer CreateOutputTransformer(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<IOutputTransformer>(TransformerKind.OutputTransformer, parameters);

    /// <summary>Creates the <see cref="IOutputCoTransformer"/>; the registration must be an [OutputCoTransformer].</summary>
    public IOutputCoTransformer CreateOutputCoTransformer(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<IOutputCoTransformer>(TransformerKind.OutputCoTransformer, parameters);

    /// <summary>Creates the <see cref="ICreator"/>; the registration must be a [Creator].</summary>
    public ICreator CreateCreator(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<ICreator>(TransformerKind.Creator, parameters);

    /// <summary>Creates the <see cref="IProcessor"/>; the registration must be a [Processor].</summary>
    public IProcessor CreateProcessor(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<IProcessor>(TransformerKind.Processor, parameters);

    /// <summary>Creates the <see cref="IOutputter"/>; the registration must be an [Outputter].</summary>
    public IOutputter CreateOutputter(IReadOnlyDictionary<string, object?>? parameters = null) =>
        Create<IOutputter>(TransformerKind.Outputter, parameters);

    /// <inheritdoc />
    public override string ToString() => Kind + " " + Name;

    private static string WithArticle(TransformerKind kind) =>
        (kind is TransformerKind.OutputTransformer or TransformerKind.OutputCoTransformer or TransformerKind.Outputter ? "an " : "a ") + kind;

    private T Create<T>(TransformerKind expected, IReadOnlyDictionary<string, object?>? parameters)
    {
        if (Kind != expected)
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"'{Name}' is {WithArticle(Kind)}, but {WithArticle(expected)} is needed here."));
        }

        return (T)_factory(parameters);
    }
}
