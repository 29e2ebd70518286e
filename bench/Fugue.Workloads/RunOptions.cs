using System.Globalization;

namespace Fugue.Workloads;

/// <summary>The command line: <c>Fugue.Workloads W4 10m [--data DIR] [--system NAME] [--w6 sqlite|native]</c>.</summary>
public sealed record RunOptions(string Workload, string Size, string DataDir, string System, bool W6Native, int Repeat = 1, bool W3Rows = false)
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: Fugue.Workloads W1..W8 1m|10m [--data DIR (default $BENCH_DATA or bench/data)] " +
        "[--system NAME (default fugue-net, or fugue-net-native with --w6 native)] [--w6 sqlite|native] [--w3 batches|rows] [--repeat N (profiling only: N runs in one process, warm JIT)]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the usage on bad input.</summary>
    public static RunOptions Parse(string[] args)
    {
        var positional = new List<string>();
        string? data = null, system = null, w6 = null, w3 = null;
        var repeat = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Contains('=') && args[i].StartsWith("--", StringComparison.Ordinal)
                ? (args[i][..args[i].IndexOf('=')], args[i][(args[i].IndexOf('=') + 1)..])
                : (args[i], null);
            string Value() => value ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value\n{Usage}"));
            switch (name)
            {
                case "--data": data = Value(); break;
                case "--system": system = Value(); break;
                case "--w6": w6 = Value(); break;
                case "--w3": w3 = Value(); break;
                case "--repeat": repeat = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--workload": positional.Insert(0, Value()); break;
                case "--size": positional.Add(Value()); break;
                default:
                    if (name.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown option {name}\n{Usage}");
                    }

                    positional.Add(name);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            throw new ArgumentException(Usage);
        }

        var native = w6 switch
        {
            null or "sqlite" => false,
            "native" => true,
            _ => throw new ArgumentException($"--w6 must be sqlite or native, got '{w6}'\n{Usage}"),
        };
        var rows = w3 switch
        {
            null or "batches" => false,
            "rows" => true,
            _ => throw new ArgumentException($"--w3 must be batches or rows, got '{w3}'\n{Usage}"),
        };
        data ??= Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } env ? env : Path.Combine("bench", "data");
        return new RunOptions(positional[0].ToUpperInvariant(), positional[1], Path.GetFullPath(data), system ?? (native ? "fugue-net-native" : rows ? "fugue-net-rows" : "fugue-net"), native, Math.Max(1, repeat), rows);
    }
}
