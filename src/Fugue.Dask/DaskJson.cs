using System.Text.Json.Nodes;
using Fugue.Partitioning;

namespace Fugue.Dask;

/// <summary>JSON forms of the small objects tasks carry (partition specs, string lists, conf).</summary>
public static class DaskJson
{
    /// <summary>A partition spec as <c>{by, num, algo, presort}</c>.</summary>
    public static JsonObject Spec(PartitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new JsonObject
        {
            ["by"] = Strings(spec.PartitionBy),
            ["num"] = spec.NumPartitions,
            ["algo"] = spec.AlgoName,
            ["presort"] = spec.PresortExpression,
        };
    }

    /// <summary>The partition spec of <see cref="Spec"/>'s JSON.</summary>
    public static PartitionSpec ToSpec(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var presort = (string?)o["presort"];
        return new PartitionSpec(
            by: ToStrings(o["by"]),
            num: (string?)o["num"],
            algo: PartitionAlgoNames.Parse((string?)o["algo"]),
            presort: string.IsNullOrEmpty(presort) ? null : presort);
    }

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var a = new JsonArray();
        foreach (var s in items)
        {
            a.Add(s);
        }

        return a;
    }

    /// <summary>The strings of a JSON array (null stays null).</summary>
    public static string[]? ToStrings(JsonNode? node) => node is JsonArray a ? a.Select(n => (string)n!).ToArray() : null;

    /// <summary>The shippable entries of a configuration (others are left out: transformers see strings, numbers and booleans).</summary>
    public static JsonObject Conf(IEnumerable<KeyValuePair<string, object?>> conf)
    {
        ArgumentNullException.ThrowIfNull(conf);
        var o = new JsonObject();
        foreach (var (k, v) in conf)
        {
            if (v is null or string or bool or int or long or double or float or short or byte or decimal)
            {
                o[k] = DelegateShipping.EncodeValue(v, k);
            }
        }

        return o;
    }

    /// <summary>The configuration of <see cref="Conf"/>'s JSON.</summary>
    public static Dictionary<string, object?> ToConf(JsonObject? o)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (o is not null)
        {
            foreach (var (k, v) in o)
            {
                d[k] = DelegateShipping.DecodeValue(v!.AsObject());
            }
        }

        return d;
    }
}
