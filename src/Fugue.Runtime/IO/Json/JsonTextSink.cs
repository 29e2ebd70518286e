using System.Text.Json;
using Fugue.Columnar;
using Fugue.IO.Csv;

namespace Fugue.IO.Json;

/// <summary>Reads a nested column's text field (a CSV cell) as one JSON value.</summary>
internal sealed class JsonTextSink : TextColumnSink
{
    private readonly JsonNode _node;

    private JsonTextSink(ColumnBuilder builder) : base(builder) => _node = JsonNode.Create(builder);

    /// <summary>The sink for a nested builder.</summary>
    public static TextColumnSink Create(ColumnBuilder builder) => new JsonTextSink(builder);

    /// <inheritdoc />
    public override bool TryAppend(ReadOnlySpan<byte> text)
    {
        // parse into a probe first so a failure leaves the builder unchanged
        try
        {
            var reader = new Utf8JsonReader(text);
            if (!reader.Read())
            {
                return false;
            }

            var before = Builder.Length;
            _node.Read(ref reader, text);
            if (reader.Read())
            {
                throw new JsonValueMismatchException("trailing text after the JSON value");
            }

            return Builder.Length == before + 1;
        }
        catch (Exception e) when (e is JsonException or JsonValueMismatchException or InvalidOperationException)
        {
            return false;
        }
    }
}
