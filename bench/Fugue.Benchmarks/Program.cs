using System.Globalization;
using Fugue.Benchmarks;

// Console benchmarks (not tests): dotnet run -c Release --project bench/Fugue.Benchmarks -- <name> [args]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var name = args.Length > 0 ? args[0] : "";
switch (name)
{
    case "columnar":
        ColumnarBenchmark.Run(args.Length > 1 ? int.Parse(args[1].Replace("_", ""), CultureInfo.InvariantCulture) : 10_000_000);
        return 0;
    default:
        Console.Error.WriteLine("usage: Fugue.Benchmarks columnar [rows]");
        return 2;
}
