using System.Collections;

namespace Fugue.Interop.Tests;

/// <summary>Exact comparison of canonical values: floats by bits, timestamps by ticks and kind, decimals by value.</summary>
internal static class ValueAssert
{
    public static void Same(object? expected, object? actual, string where)
    {
        if (!Equal(expected, actual))
        {
            Assert.Fail($"{where}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    private static bool Equal(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (double x, double y):
                return BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
            case (float x, float y):
                return BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y);
            case (Half x, Half y):
                return BitConverter.HalfToInt16Bits(x) == BitConverter.HalfToInt16Bits(y);
            case (DateTime x, DateTime y):
                return x.Ticks == y.Ticks && x.Kind == y.Kind;
            case (byte[] x, byte[] y):
                return x.AsSpan().SequenceEqual(y);
            case (IDictionary<string, object?> x, IDictionary<string, object?> y):
                return x.Count == y.Count && x.Keys.SequenceEqual(y.Keys) && x.All(kv => Equal(kv.Value, y[kv.Key]));
            case (KeyValuePair<object, object?>[] x, KeyValuePair<object, object?>[] y):
                return x.Length == y.Length && x.Zip(y).All(p => Equal(p.First.Key, p.Second.Key) && Equal(p.First.Value, p.Second.Value));
            case (object?[] x, object?[] y):
                return x.Length == y.Length && x.Zip(y).All(p => Equal(p.First, p.Second));
            default:
                return a.GetType() == b.GetType() && a.Equals(b);
        }
    }

    public static string Show(object? v) => v switch
    {
        null => "null",
        string s => $"\"{s}\" ({s.Length} chars)",
        double d => $"{d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (bits 0x{BitConverter.DoubleToInt64Bits(d):x16})",
        float f => $"{f.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}f (bits 0x{BitConverter.SingleToInt32Bits(f):x8})",
        DateTime t => $"{t:O} ({t.Kind}, ticks {t.Ticks})",
        byte[] b => "0x" + Convert.ToHexString(b),
        IDictionary<string, object?> o => "{" + string.Join(", ", o.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        KeyValuePair<object, object?>[] m => "<" + string.Join(", ", m.Select(kv => $"{Show(kv.Key)}: {Show(kv.Value)}")) + ">",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
        IFormattable f => $"{f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)} ({v.GetType().Name})",
        _ => v.ToString() ?? "",
    };
}
