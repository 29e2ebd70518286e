using System.Globalization;

namespace Fugue.Transformers;

/// <summary>
/// Binds a transformer's extra parameters by name from the params dictionary given at call time: unknown
/// names and missing required values are errors naming the transformer; C# default values fill the rest.
/// </summary>
public sealed class ParamBinder
{
    private readonly string _transformer;
    private readonly string _kind;
    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <summary>Creates a binder and rejects names the method does not declare.</summary>
    /// <param name="transformer">Transformer name for messages.</param>
    /// <param name="values">The params given at call time (null = none).</param>
    /// <param name="accepted">The method's bindable parameter names.</param>
    public ParamBinder(string transformer, IReadOnlyDictionary<string, object?>? values, IReadOnlyList<string> accepted)
        : this(transformer, values, accepted, "Transformer")
    {
    }

    /// <summary>Binds <paramref name="values"/> for an extension of <paramref name="kind"/> ("Processor", ...), named in messages.</summary>
    public ParamBinder(string transformer, IReadOnlyDictionary<string, object?>? values, IReadOnlyList<string> accepted, string kind)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(accepted);
        _transformer = transformer;
        _kind = kind ?? "Transformer";
        _values = values ?? new Dictionary<string, object?>();
        foreach (var key in _values.Keys)
        {
            if (!accepted.Contains(key, StringComparer.Ordinal))
            {
                throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                    $"{kind} '{transformer}' has no parameter '{key}'; its parameters are: {(accepted.Count == 0 ? "(none)" : string.Join(", ", accepted))}."));
            }
        }
    }

    /// <summary>The value of a parameter without a default; missing is an error.</summary>
    public T Required<T>(string name) =>
        _values.TryGetValue(name, out var value)
            ? Convert<T>(name, value)
            : throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"{_kind} '{_transformer}' needs the parameter '{name}' ({typeof(T).Name}), but the params do not contain it."));

    /// <summary>The value of a parameter, or its C# default when not given.</summary>
    public T Optional<T>(string name, T defaultValue) =>
        _values.TryGetValue(name, out var value) ? Convert<T>(name, value) : defaultValue;

    private T Convert<T>(string name, object? value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null)
        {
            if (default(T) is null)
            {
                return default!;
            }

            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"{_kind} '{_transformer}': parameter '{name}' ({typeof(T).Name}) can't be null."));
        }

        try
        {
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target) && !target.IsEnum)
            {
                return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
                $"{_kind} '{_transformer}': parameter '{name}' needs a {typeof(T).Name}, but got {value.GetType().Name} '{value}'."), e);
        }

        throw new FugueTransformerException(string.Create(CultureInfo.InvariantCulture,
            $"{_kind} '{_transformer}': parameter '{name}' needs a {typeof(T).Name}, but got {value.GetType().Name} '{value}'."));
    }
}
