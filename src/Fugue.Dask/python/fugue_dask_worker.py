"""Worker side of Fugue's Dask engine: runs operations in a long-lived .NET executor process per worker thread.

Imported on every Dask worker (PYTHONPATH on a local cluster, client.upload_file on an existing one). Tasks are
``run_dotnet(op_json, *input_blobs)``; blobs are Arrow IPC streams Dask moves between workers as opaque bytes, or,
from 64 KB, ShmBlob handles of memory files the executors write and map (see ShmBlob).
Frames on the executor pipes: u32 header length | UTF-8 JSON header | u32 blob count | (u64 length | blob)*.
"""
import json
import logging
import mmap
import os
import select
import struct
import subprocess
import threading
import time

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except Exception:  # pragma: no cover - only for importing without distributed
    WorkerPlugin = object

_log = logging.getLogger("fugue.dask")

# ---- errors: the exception type says whether a retry can help ----


class DotnetUserError(Exception):
    """The C# code threw: deterministic, never retried."""

    def __init__(self, ctype, message, stack):
        super().__init__(ctype, message, stack)
        self.ctype, self.message, self.stack = ctype, message, stack

    def __str__(self):
        return "%s: %s" % (self.ctype, self.message)


class DotnetTimeout(Exception):
    """The task exceeded its deadline; the executor was killed. Not retried."""


class ExecutorCrashed(Exception):
    """The executor process died while running a task (infrastructure error; retried on a fresh executor)."""


# ---- framing ----


def write_frame(stream, header, blobs=()):
    h = json.dumps(header).encode("utf-8")
    parts = [struct.pack("<I", len(h)), h, struct.pack("<I", len(blobs))]
    for b in blobs:
        parts.append(struct.pack("<Q", len(b)))
        parts.append(b.view() if isinstance(b, ShmBlob) else b)
    for p in parts:
        stream.write(p)
    stream.flush()


def _read_exact(stream, n):
    # a buffered reader's read(n) blocks until n bytes (or EOF) and returns them without extra copies; a raw or
    # interactive stream may return less, and only then the parts are joined
    data = stream.read(n)
    if data is None:
        data = b""
    if len(data) == n:
        return data
    parts = [data]
    got = len(data)
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            raise EOFError("stream closed after %d of %d bytes" % (got, n))
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_frame(stream):
    (hl,) = struct.unpack("<I", _read_exact(stream, 4))
    header = json.loads(_read_exact(stream, hl).decode("utf-8"))
    (count,) = struct.unpack("<I", _read_exact(stream, 4))
    blobs = []
    for _ in range(count):
        (bl,) = struct.unpack("<Q", _read_exact(stream, 8))
        blobs.append(_read_exact(stream, bl))
    return header, blobs


# ---- partitions in memory files (memfd) instead of through the pipes ----

# outputs of at least this many bytes come back in memory files; 0 turns the handover off (FUGUE_DASK_SHM_MIN)
SHM_MIN = max(0, int(os.environ.get("FUGUE_DASK_SHM_MIN", str(1 << 16)))) if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd") else 0


def _fd_budget():
    # every held partition is one descriptor: raise the soft limit to the hard one, and use half of it at most
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > 1 << 20:
            hard = 1 << 20
        if soft != resource.RLIM_INFINITY and soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        return (soft if soft != resource.RLIM_INFINITY else 1 << 20) // 2
    except Exception:
        return 512


_FD_BUDGET = _fd_budget() if SHM_MIN else 0
_live = [0]  # ShmBlobs open in this process


class ShmBlob:
    """A partition an executor wrote into a memory file: Dask holds this handle (one descriptor), not the bytes.

    Another executor on this worker maps it through /proc/<pid>/fd/<fd> (no pipe, no copy in Python). Dask sends it to
    a same-machine peer as a reference the peer opens (FUGUE_DASK_SHM_PEERS=1), to others as a memoryview of a
    mapping. The memory is freed when the last descriptor closes, so a killed worker or executor leaks nothing.
    """

    __slots__ = ("fd", "n")

    def __init__(self, fd, n):
        self.fd, self.n = fd, n
        _live[0] += 1

    @classmethod
    def open(cls, pid, fd, n):
        return cls(os.open("/proc/%d/fd/%d" % (pid, fd), os.O_RDONLY | os.O_CLOEXEC), n)

    def __len__(self):
        return self.n

    def view(self):
        return memoryview(mmap.mmap(self.fd, self.n, prot=mmap.PROT_READ))

    def path(self):
        return "/proc/%d/fd/%d" % (os.getpid(), self.fd)

    def __reduce__(self):  # plain pickle (not Dask's serializers): the bytes
        return (bytes, (bytes(self.view()),))

    def __del__(self):
        _live[0] -= 1
        try:
            os.close(self.fd)
        except Exception:
            pass


# Same-machine peers take a held partition by opening the holder's descriptor (/proc/<pid>/fd/<n>) instead of Dask
# sending its bytes, when the recipient is on the loopback interface and FUGUE_DASK_SHM_PEERS=1 (the local cluster
# sets it: every process of it is on this machine; a loopback peer elsewhere, e.g. through an SSH tunnel, could not
# open the file).
SHM_PEERS = SHM_MIN > 0 and os.environ.get("FUGUE_DASK_SHM_PEERS", "0") == "1"
_host = []


def _host_id():
    # the kernel (boot id) and the pid namespace: /proc/<pid> names the same process only when both match
    if not _host:
        with open("/proc/sys/kernel/random/boot_id") as f:
            _host.append("%s:%d" % (f.read().strip(), os.stat("/proc/self/ns/pid").st_ino))
    return _host[0]


def _loopback(context):
    try:
        addr = (context or {}).get("recipient", {}).get("address") or ""
        host = addr.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
        return host == "localhost" or host == "::1" or host.startswith("127.")
    except Exception:
        return False


def _open_ref(host, pid, fd, n, dev, ino):
    # OSError (not another exception): Dask handles it as a failed transfer from that worker (it may have died)
    if host != _host_id():
        raise ConnectionError("a partition was sent as a memory-file reference by a process in another pid namespace "
                              "or machine (pid %d); set FUGUE_DASK_SHM_PEERS=0 on the workers" % pid)
    try:
        nfd = os.open("/proc/%d/fd/%d" % (pid, fd), os.O_RDONLY | os.O_CLOEXEC)
    except OSError as e:
        raise ConnectionError("the memory file of a partition held by pid %d is gone: %s" % (pid, e)) from e
    st = os.fstat(nfd)
    if (st.st_dev, st.st_ino) != (dev, ino):
        os.close(nfd)
        raise ConnectionError("the memory file of a partition held by pid %d was replaced before it was opened" % pid)
    return ShmBlob(nfd, n)


def _memfd_of(data):
    fd = os.memfd_create("fugue-in", os.MFD_CLOEXEC)
    try:
        mv = memoryview(data).cast("B")
        done = 0
        while done < len(mv):
            done += os.write(fd, mv[done:])
        return fd
    except BaseException:
        os.close(fd)
        raise


try:
    from dask.sizeof import sizeof as _sizeof
    from distributed.protocol.serialize import dask_deserialize, dask_serialize

    _sizeof.register(ShmBlob)(len)

    @dask_serialize.register(ShmBlob)
    def _serialize_shm(b, context=None):
        if SHM_PEERS and _loopback(context):
            # a process on this machine (another worker, the client): it opens the file itself, no bytes are sent
            st = os.fstat(b.fd)
            return {"ref": [_host_id(), os.getpid(), b.fd, b.n, st.st_dev, st.st_ino]}, []
        return {}, [b.view()]

    @dask_deserialize.register(ShmBlob)
    def _deserialize_shm(header, frames):
        ref = header.get("ref")
        if ref:
            return _open_ref(*ref)
        if len(frames) == 1:
            mv = memoryview(frames[0])
            return mv if mv.format == "B" and mv.ndim == 1 else mv.cast("B")
        return b"".join(frames)
except Exception:  # pragma: no cover - only for importing without distributed
    pass


def widen_pipe(stream, size=1 << 20):
    """Grows a pipe's kernel buffer (64 KB by default) so a partition crosses it in far fewer context switches."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), 1031, size)  # F_SETPIPE_SZ (Linux); capped by /proc/sys/fs/pipe-max-size
    except Exception:  # not Linux, or above the cap: the default buffer works, only slower
        pass


# ---- executor processes ----

_settings = {"cmd": None, "env": {}, "crash_retries": 2}
_lock = threading.Lock()
_idle = []
_all = []


class Executor:
    """One .NET executor child; used by one task at a time."""

    def __init__(self):
        cmd = _settings["cmd"]
        if not cmd:
            raise RuntimeError("the Fugue executor plugin is not registered on this worker")
        env = dict(os.environ)
        env.update(_settings["env"])
        self.stderr_path = os.path.join(_settings.get("log_dir") or "/tmp", "fugue-executor-%d-%d.log" % (os.getpid(), time.monotonic_ns()))
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        widen_pipe(self.proc.stdin)
        widen_pipe(self.proc.stdout)

    @property
    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        try:
            self.proc.kill()
            self.proc.wait(5)
        except Exception:
            pass
        try:
            self.stderr.close()
        except Exception:
            pass

    def stderr_tail(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except Exception:
            return ""

    def call(self, header, blobs, timeout):
        shm_in, temps = [], []
        if SHM_MIN:
            send = []
            for i, b in enumerate(blobs):
                if isinstance(b, ShmBlob):
                    shm_in.append([i, b.path(), b.n])
                    b = b""
                elif len(b) >= SHM_MIN:
                    # received from another worker: one copy into a memory file beats the pipe (two copies and a
                    # context switch per pipe buffer)
                    fd = _memfd_of(b)
                    temps.append(fd)
                    shm_in.append([i, "/proc/%d/fd/%d" % (os.getpid(), fd), len(b)])
                    b = b""
                send.append(b)
            header = dict(header)
            if _live[0] < _FD_BUDGET:  # else the outputs come through the pipe, as bytes
                header["shm_out"] = SHM_MIN
            if shm_in:
                header["shm_in"] = shm_in
                blobs = send
        try:
            return self._call(header, blobs, timeout)
        finally:
            for fd in temps:  # the executor has mapped them (or failed)
                os.close(fd)

    def _call(self, header, blobs, timeout):
        write_frame(self.proc.stdin, header, blobs)
        if timeout and timeout > 0:
            r, _, _ = select.select([self.proc.stdout], [], [], timeout)
            if not r:
                raise DotnetTimeout("the task ran longer than its deadline of %s s (fugue.dask.task.timeout); its executor pid=%d was killed" % (timeout, self.proc.pid))
        reply, out = read_frame(self.proc.stdout)
        # the executor closes its descriptors at its next request: open ours before that
        for i, fd, n in reply.get("shm_out") or ():
            out[i] = ShmBlob.open(self.proc.pid, fd, n)
        return reply, out


def _take():
    with _lock:
        while _idle:
            ex = _idle.pop()
            if ex.alive:
                return ex
            ex.kill()
    ex = Executor()
    with _lock:
        _all.append(ex)
    return ex


def _give_back(ex):
    with _lock:
        _idle.append(ex)


def _discard(ex):
    ex.kill()
    with _lock:
        if ex in _all:
            _all.remove(ex)


def shutdown_executors():
    with _lock:
        items = list(_all)
        _all.clear()
        _idle.clear()
    for ex in items:
        ex.kill()


def executor_pids():
    with _lock:
        return [e.proc.pid for e in _all if e.alive]


_trace = os.environ.get("FUGUE_DASK_TRACE")
_last_us = [0, None]


def _trace_line(d):
    with open(_trace, "a") as f:
        f.write(json.dumps(d) + "\n")


def run_dotnet(op, *inputs):
    """Runs one fused operation in an executor: returns bytes, or a tuple of bytes for multi-output tasks."""
    if _trace:
        t0 = time.time()
        r = _run_dotnet(op, *inputs)
        t1 = time.time()
        h = json.loads(op)
        _trace_line({"w": os.getpid(), "t0": t0, "t1": t1, "ops": [s.get("op") for s in h.get("stages", [])], "us": _last_us[0], "io": _last_us[1],
                     "in": sum(len(i) for i in inputs), "out": sum(len(b) for b in r) if isinstance(r, tuple) else len(r),
                     "shm_in": sum(isinstance(i, ShmBlob) for i in inputs), "shm_out": sum(isinstance(b, ShmBlob) for b in (r if isinstance(r, tuple) else (r,)))})
        return r
    return _run_dotnet(op, *inputs)


def _run_dotnet(op, *inputs):
    header = json.loads(op)
    timeout = float(header.get("timeout") or 0)
    attempts = 1 + int(_settings.get("crash_retries", 2))
    last = None
    for attempt in range(attempts):
        ex = _take()
        try:
            reply, blobs = ex.call(header, list(inputs), timeout)
        except DotnetTimeout:
            _discard(ex)
            raise
        except (EOFError, BrokenPipeError, OSError) as e:
            code = ex.proc.poll()
            tail = ex.stderr_tail()
            _discard(ex)
            last = ExecutorCrashed("the .NET executor pid=%d died while running a task (exit code %s, attempt %d of %d): %s; stderr tail: %s"
                                   % (ex.proc.pid, code, attempt + 1, attempts, e, tail))
            _log.warning("%s", last)
            continue
        _give_back(ex)
        if _trace:
            _last_us[0] = reply.get("us", 0)
            _last_us[1] = reply.get("io")
        if not reply.get("ok"):
            raise DotnetUserError(reply.get("type", "System.Exception"), reply.get("error", ""), reply.get("stack", ""))
        if reply.get("multi"):
            return tuple(blobs)
        return blobs[0]
    raise last


# ---- logging: failed-task lines print the task arguments (the data); redact them ----


class _RedactArgs(logging.Filter):
    def filter(self, record):
        msg = str(record.msg)
        if "Compute Failed" in msg or "args:" in msg:
            key = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "Compute Failed (task arguments redacted by Fugue)\nKey: %s"
            record.args = (key,)
        return True


def install_log_redaction():
    for name in ("distributed.worker", "distributed.worker.state_machine", "distributed.core"):
        lg = logging.getLogger(name)
        if not any(isinstance(f, _RedactArgs) for f in lg.filters):
            lg.addFilter(_RedactArgs())


# ---- plugin ----


class FugueExecutorPlugin(WorkerPlugin):
    """Configures (and eagerly starts) the executors of a worker; ships assemblies; stops executors on teardown."""

    name = "fugue-dotnet-executor"

    def __init__(self, cmd, env, assemblies=None, crash_retries=2):
        self.cmd = list(cmd)
        self.env = dict(env)
        self.assemblies = assemblies or {}
        self.crash_retries = crash_retries

    def setup(self, worker):
        install_log_redaction()
        env = dict(self.env)
        env.setdefault("DOTNET_PROCESSOR_COUNT", str(max(1, worker.state.nthreads if hasattr(worker, "state") else worker.nthreads)))
        cmd = list(self.cmd)
        log_dir = os.path.join(worker.local_directory, "fugue")
        os.makedirs(log_dir, exist_ok=True)
        if self.assemblies:
            app = os.path.join(worker.local_directory, "dotnet-app")
            os.makedirs(app, exist_ok=True)
            for fname, data in self.assemblies.items():
                with open(os.path.join(app, os.path.basename(fname)), "wb") as f:
                    f.write(data)
            cmd = [a.replace("{app_dir}", app) for a in cmd]
        shutdown_executors()
        _settings.update(cmd=cmd, env=env, crash_retries=self.crash_retries, log_dir=log_dir)
        try:
            _give_back(_take())
        except Exception as e:  # started lazily again by the first task
            _log.warning("could not start the .NET executor eagerly: %s", e)

    def teardown(self, worker):
        shutdown_executors()
