using System.Collections.Concurrent;

namespace Fugue.Dask;

/// <summary>
/// Keeps one partition held on the cluster (a persisted or scattered future in the bridge) for as long as its key
/// string is referenced: the engine attaches a lease to the key's string instance (a weak table keyed by identity), and
/// every frame, part and task built on it shares that instance. When the last reference is gone, the lease's finalizer
/// queues the key, and the engine releases it on the cluster at its next call to the bridge.
/// </summary>
internal sealed class DaskLease(string key, ConcurrentQueue<string> releases)
{
    private int _released;

    /// <summary>Marks the lease released (an explicit unpersist); true when it was still held.</summary>
    public bool Release() => Interlocked.Exchange(ref _released, 1) == 0;

    ~DaskLease()
    {
        if (Release())
        {
            releases.Enqueue(key);
        }
    }
}
