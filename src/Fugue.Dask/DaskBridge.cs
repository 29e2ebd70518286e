using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Fugue.Dask;

/// <summary>
/// The driver's end of the Python bridge process (<c>fugue_dask_bridge.py</c> run by the system python), which holds the
/// <c>distributed.Client</c>. Calls are serialized: one request frame, one reply frame.
/// </summary>
internal sealed class DaskBridge : IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly StderrTail _stderr = new();
    private bool _disposed;

    public DaskBridge(string python, string scriptDir)
    {
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-u");
        psi.ArgumentList.Add(Path.Combine(scriptDir, "fugue_dask_bridge.py"));
        psi.Environment["PYTHONPATH"] = scriptDir;
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the Dask bridge with {python}");
        _process.ErrorDataReceived += (_, e) => _stderr.Add(e.Data);
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    /// <summary>Sends a command and returns the reply; a failed command throws <see cref="DaskRemoteException"/> (or a subclass).</summary>
    public (JsonObject Reply, List<byte[]> Blobs) Call(JsonObject header, IReadOnlyList<byte[]>? blobs = null)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            (JsonObject, List<byte[]>)? reply;
            try
            {
                DaskWire.Write(_process.StandardInput.BaseStream, header, blobs ?? []);
                reply = DaskWire.Read(_process.StandardOutput.BaseStream);
            }
            catch (IOException ex)
            {
                throw new DaskRemoteException("Fugue.Dask.BridgeFailure", $"the Dask bridge process failed: {ex.Message}; stderr: {_stderr}", "", DaskFailureKind.Infrastructure);
            }

            if (reply is null)
            {
                throw new DaskRemoteException("Fugue.Dask.BridgeFailure", $"the Dask bridge process exited; stderr: {_stderr}", "", DaskFailureKind.Infrastructure);
            }

            var (h, b) = reply.Value;
            if (h["ok"]?.GetValue<bool>() != true)
            {
                throw DaskRemoteException.FromReply(h);
            }

            return (h, b);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                DaskWire.Write(_process.StandardInput.BaseStream, new JsonObject { ["cmd"] = "shutdown" }, []);
                DaskWire.Read(_process.StandardOutput.BaseStream);
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // the bridge is already gone
            }
            finally
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }

                _process.Dispose();
            }
        }
    }

    /// <summary>The last lines of a child's stderr, for error messages.</summary>
    internal sealed class StderrTail
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 40)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join("\n", _lines);
            }
        }
    }
}
