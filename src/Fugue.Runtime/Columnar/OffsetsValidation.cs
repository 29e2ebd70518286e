using Fugue.Schemas;

namespace Fugue.Columnar;

/// <summary>Checks an int32 offsets buffer of a variable-size or nested column (ends only: O(1)).</summary>
internal static class OffsetsValidation
{
    public static void Check(DataType type, ArrowBuffer offsets, int offset, int length, int targetLength, string targetName, string unit)
    {
        var need = ((long)offset + length + 1) * 4;
        if (offsets.Length < need)
        {
            throw new ArgumentException(
                $"{type} column: offsets buffer has {offsets.Length} bytes, needs at least {need} ({length} + 1 int32 offsets after slot {offset})",
                nameof(offsets));
        }

        var o = offsets.As<int>();
        var first = o[offset];
        var last = o[offset + length];
        if (first < 0 || last < first)
        {
            throw new ArgumentException($"{type} column: offsets run from {first} to {last}; they must be non-negative and non-decreasing", nameof(offsets));
        }

        if (last > targetLength)
        {
            throw new ArgumentException(
                $"{type} column: last offset {last} is beyond the {targetName} of {targetLength} {unit}", nameof(offsets));
        }
    }
}
