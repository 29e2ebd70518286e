using System.Diagnostics;

namespace Fugue.Dask.Tests;

/// <summary>Fails loudly (never skips) when the system python cannot import dask distributed: run scripts/prereqs.sh as root.</summary>
internal static class Prerequisites
{
    public static void Check()
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", "-c \"import distributed, dask\"") { RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("/usr/bin/python3 is missing");
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("the Dask tests need python3-distributed and python3-dask for /usr/bin/python3 (run scripts/prereqs.sh as root): " + err);
        }
    }
}
