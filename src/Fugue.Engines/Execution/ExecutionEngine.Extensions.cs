using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Transformers;

namespace Fugue.Execution;

// Driver-side extensions (spec 4.1): [Creator], [Processor] and [Outputter] methods run once per call on whole frames,
// with an ExtensionContext carrying this engine, its conf and the call's partition spec. Validation rules are checked
// before the method runs (partition rules against the spec, input rules against every input).
public abstract partial class ExecutionEngine
{
    /// <summary>Runs an annotated [Creator] method and returns its frame as a frame of this engine.</summary>
    /// <param name="creator">The annotated method as a method group.</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <example>
    /// <code>
    /// var sales = engine.Create(Sources.MakeSales, new Dictionary&lt;string, object?&gt; { ["n"] = 100 });
    /// </code>
    /// </example>
    public DataFrame Create([TransformerHandle] Delegate creator, IReadOnlyDictionary<string, object?>? @params = null) =>
        Create(TransformerHandle.From(creator), @params);

    /// <summary>Runs a [Creator] resolved by handle.</summary>
    public virtual DataFrame Create(TransformerHandle creator, IReadOnlyDictionary<string, object?>? @params = null) =>
        Create(Registration(creator).CreateCreator(@params));

    /// <summary>Runs an <see cref="ICreator"/>.</summary>
    public DataFrame Create(ICreator creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        EngineLog.Operation(Logger, "create " + creator.Name, GetType().Name);
        return ToDf(creator.Create(new ExtensionContext(this, Conf)));
    }

    /// <summary>
    /// Runs an annotated [Processor] method on whole frames: inputs bind to its frame parameters by name when
    /// <paramref name="inputs"/> is keyed, by position otherwise.
    /// </summary>
    /// <param name="inputs">The input frames.</param>
    /// <param name="processor">The annotated method as a method group.</param>
    /// <param name="partition">The call's partition spec (the method sees it in its context; rules check it).</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public DataFrame Process(
        DataFrames inputs,
        [TransformerHandle] Delegate processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Process(inputs, TransformerHandle.From(processor), partition, @params);

    /// <summary>Runs an annotated [Processor] method on one frame.</summary>
    public DataFrame Process(
        DataFrame input,
        [TransformerHandle] Delegate processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Process(new DataFrames(input), TransformerHandle.From(processor), partition, @params);

    /// <summary>Runs a [Processor] resolved by handle.</summary>
    public virtual DataFrame Process(
        DataFrames inputs,
        TransformerHandle processor,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Process(inputs, Registration(processor).CreateProcessor(@params), partition);

    /// <summary>Runs an <see cref="IProcessor"/> on whole frames (converted to this engine's frames, names kept).</summary>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public DataFrame Process(DataFrames inputs, IProcessor processor, PartitionSpec? partition = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(processor);
        TransformerValidation.Validate(processor.ValidationRules, partition, inputs.Values.Select(f => f.Schema));
        EngineLog.Operation(Logger, "process " + processor.Name, GetType().Name);
        return ToDf(processor.Process(new ExtensionContext(this, Conf, partition), inputs.Convert(ToDf)));
    }

    /// <summary>Runs an annotated [Outputter] method on whole frames now, for its side effects (inputs bind as for processors).</summary>
    /// <param name="inputs">The input frames.</param>
    /// <param name="outputter">The annotated method as a method group.</param>
    /// <param name="partition">The call's partition spec.</param>
    /// <param name="params">Values of the method's extra parameters, by name.</param>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public void Output(
        DataFrames inputs,
        [TransformerHandle] Delegate outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Output(inputs, TransformerHandle.From(outputter), partition, @params);

    /// <summary>Runs an annotated [Outputter] method on one frame now.</summary>
    public void Output(
        DataFrame input,
        [TransformerHandle] Delegate outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Output(new DataFrames(input), TransformerHandle.From(outputter), partition, @params);

    /// <summary>Runs an [Outputter] resolved by handle now.</summary>
    public virtual void Output(
        DataFrames inputs,
        TransformerHandle outputter,
        PartitionSpec? partition = null,
        IReadOnlyDictionary<string, object?>? @params = null) =>
        Output(inputs, Registration(outputter).CreateOutputter(@params), partition);

    /// <summary>Runs an <see cref="IOutputter"/> on whole frames now.</summary>
    /// <exception cref="FugueValidationException">A validation rule is broken.</exception>
    public void Output(DataFrames inputs, IOutputter outputter, PartitionSpec? partition = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputter);
        TransformerValidation.Validate(outputter.ValidationRules, partition, inputs.Values.Select(f => f.Schema));
        EngineLog.Operation(Logger, "output " + outputter.Name, GetType().Name);
        outputter.Process(new ExtensionContext(this, Conf, partition), inputs.Convert(ToDf));
    }
}
