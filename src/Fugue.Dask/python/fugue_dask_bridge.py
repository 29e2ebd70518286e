"""Driver-side bridge of Fugue's Dask engine: holds a distributed.Client and submits the tasks the C# driver builds.

Run by the C# driver with /usr/bin/python3; talks over stdin/stdout with the frames of fugue_dask_worker.
Commands (JSON header, blobs): connect, scatter, run, release, info, executor_pids, shutdown.
"""
import hashlib
import json
import operator
import os
import sys
import threading
import time
import traceback

_out = sys.stdout.buffer
_in = sys.stdin.buffer
sys.stdout = sys.stderr  # nothing but frames on the pipe

import fugue_dask_worker as fw  # noqa: E402

fw.widen_pipe(_in)
fw.widen_pipe(_out)

_parent = os.getppid()


def _watchdog():
    # exit when the driver dies (the ppid changes): PR_SET_PDEATHSIG is per thread, this is per process
    while True:
        time.sleep(0.5)
        if os.getppid() != _parent:
            os._exit(3)


threading.Thread(target=_watchdog, daemon=True).start()

client = None
held = {}  # our key -> Future (persisted frames and scattered data)
scattered = set()  # held keys without lineage (driver data): kept on every running worker


def _security(tls):
    if not tls:
        return None
    from distributed.security import Security

    return Security(tls_ca_file=tls["ca"], tls_client_cert=tls["cert"], tls_client_key=tls["key"], require_encryption=True)


def cmd_connect(h, blobs):
    global client
    from distributed import Client

    client = Client(h["address"], security=_security(h.get("tls")), set_as_default=True, timeout=h.get("timeout", 30))
    # Driver data has no lineage and survives a worker only through its broadcast replicas; the Active Memory Manager's
    # ReduceReplicas policy (on by default, every 2 s) drops all replicas but one, so losing that one worker loses the
    # data and Dask cancels every task depending on it (the CancelledError after a kill). Stop it on this cluster.
    try:
        if client.amm.running():
            client.amm.stop()
    except Exception as e:  # an older or newer Dask without the proxy: the replica top-up below still helps
        sys.stderr.write("could not stop the active memory manager: %r\n" % (e,))
    if h.get("wait_workers"):
        client.wait_for_workers(h["wait_workers"], timeout=60)
        # a registered worker may still be in status "init", and broadcasts skip it: wait until they run
        deadline = time.time() + 60
        while client.run_on_scheduler(_running_workers) < h["wait_workers"] and time.time() < deadline:
            time.sleep(0.05)
    if h.get("upload_module"):
        client.upload_file(fw.__file__)
    assemblies = {}
    names = h.get("assembly_names") or []
    for n, b in zip(names, blobs):
        assemblies[n] = b
    # A plugin with the same settings stays registered: its executors keep running (warm) for the next driver.
    # Registering different settings restarts every executor of the cluster (quirk 9 of the notes).
    digest = hashlib.sha1(json.dumps([h["exec"], h.get("env", {}), h.get("crash_retries", 2)], sort_keys=True).encode())
    for n in sorted(assemblies):
        digest.update(n.encode())
        digest.update(hashlib.sha1(assemblies[n]).digest())
    name = fw.FugueExecutorPlugin.name
    if client.run_on_scheduler(_plugin_digest) != digest.hexdigest():
        plugin = fw.FugueExecutorPlugin(h["exec"], h.get("env", {}), assemblies, h.get("crash_retries", 2))
        client.register_worker_plugin(plugin, name=name)
        client.run_on_scheduler(_set_plugin_digest, digest.hexdigest())
    return cmd_info(h, blobs)


def _running_workers(dask_scheduler=None):
    return sum(1 for ws in dask_scheduler.workers.values() if getattr(ws.status, "name", str(ws.status)) == "running")


def _plugin_digest(dask_scheduler=None):
    # one plugin name: re-registering replaces it, so restarted workers get only the current settings
    return getattr(dask_scheduler, "_fugue_plugin_digest", None)


def _set_plugin_digest(digest, dask_scheduler=None):
    dask_scheduler._fugue_plugin_digest = digest


def cmd_info(h, blobs):
    info = client.scheduler_info()
    workers = info.get("workers", {})
    return {"ok": True, "threads": sum(w.get("nthreads", 1) for w in workers.values()), "workers": sorted(workers.keys()), "held": len(held)}, []


def cmd_scatter(h, blobs):
    data = dict(zip(h["keys"], blobs))
    futures = client.scatter(data, broadcast=True, hash=False)
    held.update(futures)
    scattered.update(futures.keys())
    _top_up(list(futures.keys()), 10)
    return {"ok": True}, []


def _top_up(keys, seconds):
    # Driver data has no lineage: a copy must be on every worker, or losing one worker loses it. broadcast only
    # reaches the workers the scheduler counts as running at that moment, and a restarted worker starts empty, so
    # check and top up (before every job that reads such data, too).
    fs = [held[k] for k in keys if k in held]
    if not fs:
        return
    deadline = time.time() + seconds
    while True:
        running = client.run_on_scheduler(_running_workers)
        who = client.who_has(fs)
        if all(len(w) >= running for w in who.values()) or time.time() >= deadline:
            return
        client.replicate(fs)


def cmd_run(h, blobs):
    t_run0 = time.time()
    # The job is one graph submitted in one message (client.get), not a submit per task: input i of a multi-output
    # task is a getitem task next to it, held partitions enter as their futures. Every task gets a future, as a submit
    # per task did: a failed job waits for all of them (_settle) before the driver cleans up.
    dsk = {}
    names = {}  # input name -> graph key

    def key_of(name):
        if name in held:
            return None
        if name in names:
            return names[name]
        if "#" in name:
            base, i = name.rsplit("#", 1)
            k = "%s-%s" % (base, i)
            dsk[k] = (operator.getitem, arg(base), int(i))
            names[name] = k
            return k
        raise KeyError("unknown task input %s" % name)

    def arg(name):
        k = key_of(name)
        return held[name] if k is None else k

    _top_up(sorted({i for t in h["tasks"] for i in t["inputs"] if i in scattered}), 5)
    for t in h["tasks"]:
        names[t["key"]] = t["key"]
    for t in h["tasks"]:
        dsk[t["key"]] = (fw.run_dotnet, t["op"]) + tuple(arg(i) for i in t["inputs"])
    for name in h.get("persist", []) + h.get("outputs", []):
        key_of(name)  # an output of a multi-output task joins the graph as its getitem
    futures = {}
    if dsk:
        keys = list(dsk)
        futures = dict(zip(keys, client.get(dsk, keys, sync=False, retries=0)))
    t_sub = time.time()

    def ref(name):
        k = key_of(name)
        return held[name] if k is None else futures[k]

    for k in h.get("persist", []):
        held[k] = ref(k)
    outs = [ref(k) for k in h.get("outputs", [])]
    if h.get("persist") and not outs:
        from distributed import wait

        wait([held[k] for k in h["persist"]])
        for k in h["persist"]:
            f = held[k]
            if f.status == "error":
                f.result()
    reply = {"ok": True}
    if h.get("persist"):
        # the persisted partitions' sizes: the driver broadcasts small frames to joins instead of shuffling them
        reply["nbytes"] = client.run_on_scheduler(_nbytes, [held[k].key for k in h["persist"]])
    try:
        results = client.gather(outs) if outs else []
        if fw._trace:
            fw._trace_line({"bridge": "run", "t0": t_run0, "submitted": t_sub, "t1": time.time(), "tasks": len(h["tasks"])})
    except Exception as e:
        if type(e).__name__ == "CancelledError":
            _log_cancelled(e, futures)
        _settle(futures)
        raise
    return reply, list(results)


def _nbytes(keys, dask_scheduler=None):
    sizes = []
    for k in keys:
        ts = dask_scheduler.tasks.get(k)
        sizes.append(ts.nbytes if ts is not None and ts.nbytes is not None else -1)
    return sizes


def _settle(futures):
    # A failed job's other tasks keep running on the workers (a running task cannot be stopped): wait for them, so
    # their side effects (the part files of a save) are over before the driver cleans up after the failure.
    from distributed import wait

    try:
        wait(list(futures.values()), timeout=120)
    except Exception:  # a timeout or a lost worker: the failure being raised is what matters
        pass


def _log_cancelled(e, futures):
    # diagnostics: what the scheduler did with the cancelled key (FUGUE_DASK_CANCEL_LOG names the file)
    path = os.environ.get("FUGUE_DASK_CANCEL_LOG")
    if not path:
        return
    try:
        key = str(e.args[0]) if e.args else ""
        story = client.run_on_scheduler(lambda dask_scheduler=None: [list(map(str, x)) for x in dask_scheduler.story(key)])
        states = {k: f.status for k, f in futures.items()}
        with open(path, "a") as f:
            f.write(json.dumps({"key": key, "story": story, "states": states}) + "\n")
    except Exception as x:  # diagnostics only
        sys.stderr.write("cancel log failed: %r\n" % (x,))


def cmd_replicate(h, blobs):
    client.replicate([held[k] for k in h["keys"]])
    return {"ok": True}, []


def cmd_release(h, blobs):
    for k in h["keys"]:
        held.pop(k, None)
        scattered.discard(k)
    return {"ok": True}, []


def cmd_executor_pids(h, blobs):
    pids = client.run(fw.executor_pids)
    wpids = client.run(os.getpid)
    return {"ok": True, "executors": pids, "workers": wpids}, []


def cmd_shutdown(h, blobs):
    return {"ok": True, "bye": True}, []


COMMANDS = {
    "connect": cmd_connect,
    "info": cmd_info,
    "scatter": cmd_scatter,
    "run": cmd_run,
    "release": cmd_release,
    "replicate": cmd_replicate,
    "executor_pids": cmd_executor_pids,
    "shutdown": cmd_shutdown,
}


def _error_reply(e):
    if isinstance(e, fw.DotnetUserError):
        return {"ok": False, "kind": "user", "type": e.ctype, "error": e.message, "stack": e.stack}
    kind = "timeout" if isinstance(e, fw.DotnetTimeout) else "infrastructure"
    return {"ok": False, "kind": kind, "type": type(e).__name__, "error": "%s: %s" % (type(e).__name__, e), "stack": traceback.format_exc()}


def main():
    while True:
        try:
            h, blobs = fw.read_frame(_in)
        except EOFError:
            break
        try:
            reply, out = COMMANDS[h["cmd"]](h, blobs)
        except Exception as e:  # reported to the driver, which throws
            reply, out = _error_reply(e), []
        fw.write_frame(_out, reply, out)
        if reply.get("bye"):
            break
    # No graceful client.close(): it costs up to a second, and the scheduler releases a disconnected client's
    # futures (held frames, scattered data) by itself.
    os._exit(0)


if __name__ == "__main__":
    main()
