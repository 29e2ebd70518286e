namespace Fugue.Dask.Tests;

/// <summary>
/// A released input mapping keeps its address range reserved and inaccessible, so a later task's input is never mapped
/// where a stale reference into a released one could read it (such a reference faults instead).
/// </summary>
public sealed class DaskInputMappingTests
{
    [Fact]
    public void ReleasedInputRangesAreNotHandedOutAgain()
    {
        Assert.True(DaskSharedMemory.IsSupported, "memory files are Linux-only; the Dask engine's tests run on Linux");
        var path = Path.Combine(Path.GetTempPath(), "fugue-mapping-" + Guid.NewGuid().ToString("N"));
        try
        {
            var bytes = new byte[1 << 20];
            new Random(7).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            var seen = new HashSet<nint>();
            for (var i = 0; i < 20; i++)
            {
                using (DaskSharedMemory.MapForTest(path, bytes.Length, out var address))
                {
                    Assert.NotEqual(0, address);
                    Assert.True(seen.Add(address), $"mapping {i} reused the released range at 0x{address:x}");
                    unsafe
                    {
                        Assert.True(new ReadOnlySpan<byte>((void*)address, bytes.Length).SequenceEqual(bytes));
                    }
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
