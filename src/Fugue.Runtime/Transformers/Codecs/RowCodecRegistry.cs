using System.Diagnostics.CodeAnalysis;
using Fugue.Frames;
using Fugue.Schemas;

namespace Fugue.Transformers.Codecs;

/// <summary>
/// The generated codec of each row type, by type: every codec the generator emits registers itself when its assembly
/// loads, so typed rows become frames (<see cref="ToFrame{T}(IEnumerable{T}, Schema?)"/>) without reflection.
/// </summary>
public static class RowCodecRegistry
{
    /// <summary>Registers <paramref name="codec"/> for <typeparamref name="T"/>; the first registration of a type wins.</summary>
    public static void Register<T>(IRowCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Interlocked.CompareExchange(ref Holder<T>.Codec, codec, null);
    }

    /// <summary>The generated codec of <typeparamref name="T"/>, when one is registered.</summary>
    public static bool TryGet<T>([NotNullWhen(true)] out IRowCodec<T>? codec)
    {
        codec = Volatile.Read(ref Holder<T>.Codec);
        return codec is not null;
    }

    /// <summary>
    /// Typed rows as a bounded frame, written column by column by the generated codec of <typeparamref name="T"/>.
    /// </summary>
    /// <param name="rows">The rows (enumerated once).</param>
    /// <param name="schema">The frame's schema: the row type's columns by default; another schema binds its columns to
    /// the row type's members by name (a subset or a different order, types as the codec allows).</param>
    /// <exception cref="InvalidOperationException">No codec is registered: the row type is not used by any annotated
    /// method, so the generator made none for it.</exception>
    public static LocalDataFrame ToFrame<T>(IEnumerable<T> rows, Schema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!TryGet<T>(out var codec))
        {
            throw new InvalidOperationException(
                $"No generated codec for row type {typeof(T).Name}: the generator makes one for each row type used by a [Transformer], [Creator], ... method.");
        }

        var output = schema ?? codec.Schema;
        var writer = codec.CreateWriter(new ColumnBinder("ToDf", codec.TypeName, output, ColumnRole.Output));
        return new ColumnarDataFrame(output, TransformerAdapterBase.WriteRowsCore(writer, rows).ToList());
    }

    private static class Holder<T>
    {
        public static IRowCodec<T>? Codec;
    }
}
