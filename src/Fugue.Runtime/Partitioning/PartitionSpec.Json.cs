using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fugue.Partitioning;

// JSON form (Fugue's jsondict) and the identity derived from it; Utf8JsonWriter/JsonDocument only (AOT-safe).
public sealed partial class PartitionSpec
{
    /// <summary>
    /// A deterministic identity (same in every process): a UUID-formatted SHA-256 prefix of the compact JSON form.
    /// <c>num=0</c> equals the default, <c>Num(2)</c> equals <c>Num("2")</c>, and the order of keys matters.
    /// </summary>
    public string Identity => _identity ??= ComputeIdentity();

    /// <summary>
    /// Fugue's jsondict as JSON: <c>{"num_partitions":"0","algo":"","partition_by":[],"presort":"","size_limit":0,"row_limit":0}</c>.
    /// </summary>
    public string ToJson(bool indented = false) => Encoding.UTF8.GetString(WriteJson(indented).WrittenSpan);

    /// <summary>
    /// Reads a JSON object with any of the keys of <see cref="Combine"/> (so Fugue's jsondict and partial objects such as
    /// <c>{"by":["a"],"num":4}</c>); <c>presort</c> may be an expression string, a list of names, or an object of name → bool (true = ascending).
    /// </summary>
    /// <exception cref="FuguePartitionSpecException">Not a JSON object, or an invalid spec.</exception>
    public static PartitionSpec FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromDictionary(ParseJsonObject(json));
    }

    private ArrayBufferWriter<byte> WriteJson(bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString(KeyNumPartitions, NumPartitions);
            w.WriteString(KeyAlgo, Algo.ToStoredName());
            w.WriteStartArray(KeyPartitionBy);
            foreach (var k in _by)
            {
                w.WriteStringValue(k);
            }

            w.WriteEndArray();
            w.WriteString(KeyPresort, PresortExpression);
            w.WriteNumber(KeySizeLimit, SizeLimit);
            w.WriteNumber(KeyRowLimit, RowLimit);
            w.WriteEndObject();
        }

        return buffer;
    }

    private string ComputeIdentity()
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(WriteJson(false).WrittenSpan, hash);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    private static List<KeyValuePair<string, object?>> ParseJsonObject(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FuguePartitionSpecException($"partition spec JSON must be an object, got {doc.RootElement.ValueKind}: {json}");
            }

            return ReadObject(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FuguePartitionSpecException($"invalid partition spec JSON '{json}': {e.Message}", e);
        }
    }

    private static List<KeyValuePair<string, object?>> ReadObject(JsonElement obj)
    {
        var result = new List<KeyValuePair<string, object?>>();
        foreach (var prop in obj.EnumerateObject())
        {
            result.Add(new KeyValuePair<string, object?>(prop.Name, ReadValue(prop.Value)));
        }

        return result;
    }

    private static object? ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => e.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.Object => ReadObject(e),
        _ => null,
    };
}
