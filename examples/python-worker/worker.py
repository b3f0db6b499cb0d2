#!/usr/bin/env python3
"""A Taskforge remote worker in Python, standard library only.

It claims tasks of its queues from a Taskforge server over HTTP, runs each with the handler
registered for the task's type on a thread of its own, keeps the task's lease with heartbeats
(which also carry cancel requests), sends log lines and progress, and reports the result or the
failure. SIGINT or SIGTERM stops it gracefully: no more claims, running tasks get a grace period,
the rest are given back to their queue at once.

    TASKFORGE_API_KEY=tfk_... python3 worker.py --server http://127.0.0.1:8080 --queues python --concurrency 4

The API key (an OPERATOR key of the tenant whose tasks it runs: ``taskforge keys create``) comes
from the environment only, so it never shows in the process list.

Add handlers with the ``handler`` decorator:

    @handler("py.resize")
    def resize(ctx):
        ctx.log("resizing " + ctx.payload["path"])
        ctx.progress(50, "half done")
        return {"ok": True}          # becomes the task's JSON result

Raise ``NonRetryable`` for failures that another attempt cannot fix; any other exception is
retried with the server's backoff while attempts remain. Long handlers should check
``ctx.stop_requested`` (or call ``ctx.check_stop()``) now and then: it turns true when the task is
cancelled, its lease is lost, or the worker stops.
"""

import argparse
import collections
import json
import os
import random
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

API = "/api/v1/worker"
MAX_LINES_PER_REPORT = 1000  # the server's bound
LOG_FLUSH_SECONDS = 0.5


# ---- handlers ------------------------------------------------------------------------------------

HANDLERS = {}


def handler(task_type):
    """Registers the decorated function as the handler of ``task_type``."""

    def register(fn):
        HANDLERS[task_type] = fn
        return fn

    return register


class NonRetryable(Exception):
    """A failure that another attempt cannot fix: the task is dead-lettered at once."""


class Stopped(Exception):
    """Raised by ``ctx.check_stop()`` when the task should stop (cancelled, lease lost, shutdown)."""


@handler("py.echo")
def echo(ctx):
    """Logs the payload and returns it: the smallest useful handler."""
    ctx.log("echo from %s (attempt %d)" % (ctx.worker_id, ctx.attempt))
    ctx.log("payload: " + json.dumps(ctx.payload, sort_keys=True))
    ctx.progress(100, "echoed")
    return {"echo": ctx.payload, "worker": ctx.worker_id}


@handler("py.wordcount")
def wordcount(ctx):
    """Counts words of ``payload.text``, reporting progress line by line."""
    text = ctx.payload.get("text") if isinstance(ctx.payload, dict) else None
    if not isinstance(text, str):
        raise NonRetryable("py.wordcount needs a payload like {\"text\": \"...\"}")
    lines = text.splitlines() or [""]
    counts = collections.Counter()
    for i, line in enumerate(lines, 1):
        ctx.check_stop()
        counts.update(w.strip(".,;:!?\"'()[]").lower() for w in line.split())
        ctx.progress(int(100 * i / len(lines)), "line %d of %d" % (i, len(lines)))
    counts.pop("", None)
    top = counts.most_common(int(ctx.payload.get("top", 5)))
    ctx.log("%d words, %d distinct" % (sum(counts.values()), len(counts)))
    return {"words": sum(counts.values()), "distinct": len(counts), "lines": len(lines),
            "top": [[w, n] for w, n in top]}


@handler("py.sleep")
def sleep(ctx):
    """Sleeps ``payload.seconds``, stopping early when asked: how long handlers honour cancels."""
    seconds = float(ctx.payload.get("seconds", 1)) if isinstance(ctx.payload, dict) else 1.0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ctx.check_stop()
        left = deadline - time.monotonic()
        ctx.progress(int(100 * (1 - left / seconds)) if seconds > 0 else 100, "%.0f s left" % max(0, left))
        ctx.stop_requested_event.wait(min(0.2, max(0, left)))
    return {"slept": seconds}


# ---- talking to the server -----------------------------------------------------------------------

class LeaseLost(Exception):
    """The server answered 409: this worker no longer holds the attempt; drop the task."""


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__("HTTP %s: %s" % (status, body))
        self.status = status
        self.body = body


class Api:
    """JSON over HTTP to the server's remote-worker endpoints."""

    def __init__(self, server, api_key=None, timeout=30):
        self.base = server.rstrip("/")
        self.timeout = timeout
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = "Bearer " + api_key

    def post(self, path, body):
        data = json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + API + path, data=data, method="POST",
                                         headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            if e.code == 409:
                raise LeaseLost(text)
            raise ApiError(e.code, text)

    def post_retrying(self, path, body, tries=5):
        """For reports that must not be lost to a blip (the end of an attempt): retries I/O errors
        and 5xx a few times; 4xx answers (409 included) are final."""
        delay = 0.5
        for attempt in range(1, tries + 1):
            try:
                return self.post(path, body)
            except ApiError as e:
                if e.status < 500 or attempt == tries:
                    raise
            except (urllib.error.URLError, OSError):
                if attempt == tries:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 5)


# ---- one running task ----------------------------------------------------------------------------

class TaskContext:
    """What a handler gets: the task, its payload, a logger, progress, and stop signals."""

    def __init__(self, task, worker_id):
        self.task = task
        self.id = task["id"]
        self.type = task["type"]
        self.attempt = task["attempt"]
        self.payload = task.get("payload")
        self.worker_id = worker_id
        self.stop_requested_event = threading.Event()
        self.stop_reason = None  # "cancel", "lease-lost" or "shutdown"
        self._lock = threading.Lock()
        self._lines = []
        self._progress = None

    # called by handlers

    def log(self, line, stream="stdout"):
        with self._lock:
            self._lines.append({"stream": stream, "line": str(line)})

    def progress(self, percent, message=None):
        with self._lock:
            self._progress = (max(0, min(100, int(percent))), message)

    @property
    def stop_requested(self):
        return self.stop_requested_event.is_set()

    def check_stop(self):
        if self.stop_requested_event.is_set():
            raise Stopped("stopped: " + str(self.stop_reason))

    # called by the worker

    def request_stop(self, reason):
        with self._lock:
            if self.stop_reason is None:
                self.stop_reason = reason
        self.stop_requested_event.set()

    def take_reports(self):
        with self._lock:
            lines, self._lines = self._lines, []
            progress, self._progress = self._progress, None
        return lines, progress


class Running:
    """Runs one task: the handler on this thread, heartbeats, logs and progress on another."""

    def __init__(self, worker, task):
        self.worker = worker
        self.api = worker.api
        self.ctx = TaskContext(task, worker.worker_id)
        self.done = threading.Event()
        self.released = False
        self.ref = {"workerId": worker.worker_id, "attempt": self.ctx.attempt}
        self.reporter = threading.Thread(target=self._report_loop, name="report-" + self.ctx.id, daemon=True)
        self.thread = threading.Thread(target=self._run, name="task-" + self.ctx.id, daemon=True)
        self._report_lock = threading.Lock()

    def start(self):
        self.reporter.start()
        self.thread.start()

    def _path(self, what):
        return "/tasks/%s/%s" % (self.ctx.id, what)

    def _run(self):
        try:
            self._run_and_report()
        finally:
            self.worker.finished(self)

    def _run_and_report(self):
        ctx = self.ctx
        log("task %s (%s) attempt %d started", ctx.id, ctx.type, ctx.attempt)
        result, error, retryable = None, None, True
        try:
            fn = HANDLERS.get(ctx.type)
            if fn is None:
                raise NonRetryable("no handler for task type '%s' on Python worker %s (it has: %s)"
                                   % (ctx.type, ctx.worker_id, ", ".join(sorted(HANDLERS)) or "none"))
            result = fn(ctx)
            try:
                json.dumps(result)
            except (TypeError, ValueError) as e:
                raise NonRetryable("the handler's result is not JSON: %s" % e)
        except NonRetryable as e:
            error, retryable = _error(e), False
        except Exception as e:  # a handler's failure is the task's failure, never the worker's
            error = _error(e)
        finally:
            self.done.set()
        self.reporter.join(timeout=30)
        self._flush()
        if self.released or ctx.stop_reason == "lease-lost":
            log("task %s: not reporting, %s", ctx.id, "released" if self.released else "lease lost")
            return
        try:
            if ctx.stop_reason == "cancel":
                # The server ends a failed attempt of a cancel-requested task CANCELLED.
                answer = self.api.post_retrying(self._path("fail"), dict(
                    self.ref, error={"type": "Cancelled", "message": "stopped on a cancel request"}))
            elif error is not None:
                answer = self.api.post_retrying(self._path("fail"), dict(self.ref, error=error, retryable=retryable))
            else:
                answer = self.api.post_retrying(self._path("complete"), dict(self.ref, result=result))
            log("task %s attempt %d ended %s", ctx.id, ctx.attempt, answer["status"])
        except LeaseLost:
            log("task %s: the server says the lease was lost; dropping its outcome", ctx.id)
        except Exception as e:
            log("task %s: could not report its outcome (%s); the lease will run out and it will run again",
                ctx.id, e)

    def _report_loop(self):
        """Flushes logs and progress twice a second and heartbeats every third of the lease."""
        every = max(1.0, min(self.worker.lease_seconds / 3.0, 10.0))
        next_beat = time.monotonic() + every
        while not self.done.wait(LOG_FLUSH_SECONDS):
            self._flush()
            if time.monotonic() >= next_beat:
                next_beat = time.monotonic() + every
                self._heartbeat()

    def _heartbeat(self):
        try:
            answer = self.api.post(self._path("heartbeat"), dict(self.ref, leaseSeconds=self.worker.lease_seconds))
            if answer.get("cancelRequested") and self.ctx.stop_reason is None:
                log("task %s: cancel requested; stopping its handler", self.ctx.id)
                self.ctx.request_stop("cancel")
        except LeaseLost:
            self._lost()
        except Exception as e:
            log("task %s: heartbeat failed (%s); trying again", self.ctx.id, e)

    def _flush(self):
        with self._report_lock:
            lines, progress = self.ctx.take_reports()
            try:
                for i in range(0, len(lines), MAX_LINES_PER_REPORT):
                    self.api.post(self._path("logs"), dict(self.ref, lines=lines[i:i + MAX_LINES_PER_REPORT]))
                if progress is not None:
                    self.api.post(self._path("progress"), dict(self.ref, percent=progress[0], message=progress[1]))
            except LeaseLost:
                self._lost()
            except Exception as e:
                log("task %s: could not send logs or progress (%s)", self.ctx.id, e)

    def _lost(self):
        if self.ctx.stop_reason != "lease-lost":
            log("task %s: lease lost (rescued, cancelled or deleted); stopping its handler", self.ctx.id)
        self.ctx.request_stop("lease-lost")

    def release(self):
        """Gives the task back unfinished (shutdown); its handler's outcome is then dropped."""
        self.released = True
        self.ctx.request_stop("shutdown")
        try:
            self.api.post(self._path("release"), dict(self.ref, reason="python worker shutting down"))
            log("task %s given back to its queue", self.ctx.id)
        except Exception as e:
            log("task %s could not be given back (%s); its lease will run out", self.ctx.id, e)


def _error(e):
    return {"type": type(e).__name__, "message": str(e) or type(e).__name__,
            "stack": "".join(traceback.format_exception(type(e), e, e.__traceback__))}


# ---- the worker ----------------------------------------------------------------------------------

class Worker:
    def __init__(self, server, queues, concurrency, worker_id, lease_seconds, grace_seconds, max_idle_seconds,
                 api_key=None):
        self.api = Api(server, api_key)
        self.queues = queues
        self.concurrency = concurrency
        self.worker_id = worker_id
        self.lease_seconds = lease_seconds
        self.grace_seconds = grace_seconds
        self.max_idle_seconds = max_idle_seconds
        self.stopping = threading.Event()
        self.running = {}
        self.lock = threading.Condition()

    def finished(self, running):
        with self.lock:
            self.running.pop(running.ctx.id, None)
            self.lock.notify_all()

    def run(self):
        log("worker %s: queues %s, %d slots, handlers %s, server %s", self.worker_id, ",".join(self.queues),
            self.concurrency, ",".join(sorted(HANDLERS)), self.api.base)
        idle = 0.2
        while not self.stopping.is_set():
            with self.lock:
                free = self.concurrency - len(self.running)
                if free == 0:
                    self.lock.wait(1.0)  # a finishing task notifies
                    continue
            try:
                answer = self.api.post("/claim", {
                    "workerId": self.worker_id, "queues": self.queues, "max": free,
                    "leaseSeconds": self.lease_seconds, "host": socket.gethostname(), "pid": os.getpid(),
                    "concurrency": self.concurrency, "busy": self.concurrency - free})
                tasks = answer["items"]
            except ApiError as e:
                if 400 <= e.status < 500:
                    log("the server refused the claim, which will not get better by itself: %s", e)
                    return 2
                log("claim failed (%s); backing off", e)
                tasks = []
            except Exception as e:
                log("claim failed (%s); backing off", e)
                tasks = []
            for task in tasks:
                r = Running(self, task)
                with self.lock:
                    self.running[r.ctx.id] = r
                r.start()
            if len(tasks) == free:
                idle = 0.2
                continue  # a full claim: more may be waiting
            if tasks:
                idle = 0.2
            # Nothing (more) ready: wait a little longer each time, with jitter, so idle workers
            # started together do not poll in step; a stop request cuts the wait short.
            self.stopping.wait(idle * random.uniform(0.8, 1.2))
            idle = min(idle * 2, self.max_idle_seconds)
        return self.shutdown()

    def shutdown(self):
        with self.lock:
            count = len(self.running)
        log("stopping: no more claims; %d running tasks get %.0f s to finish", count, self.grace_seconds)
        deadline = time.monotonic() + self.grace_seconds
        with self.lock:
            while self.running and time.monotonic() < deadline:
                self.lock.wait(max(0.05, deadline - time.monotonic()))
            left = list(self.running.values())
        for r in left:
            r.release()
        try:
            self.api.post("/stop", {"workerId": self.worker_id})
        except Exception as e:
            log("could not tell the server this worker stopped (%s)", e)
        log("worker %s stopped", self.worker_id)
        return 0


def log(message, *args):
    sys.stderr.write("%s %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"), message % args if args else message))
    sys.stderr.flush()


def main(argv=None):
    env = os.environ.get
    p = argparse.ArgumentParser(description="A Taskforge remote worker (Python, standard library only).")
    p.add_argument("--server", default=env("TASKFORGE_SERVER", "http://127.0.0.1:8080"),
                   help="the Taskforge server (env TASKFORGE_SERVER; default %(default)s)")
    p.add_argument("--queues", default=env("TASKFORGE_QUEUES", "python"),
                   help="comma-separated queues to claim from (env TASKFORGE_QUEUES; default %(default)s)")
    p.add_argument("--concurrency", type=int, default=int(env("TASKFORGE_CONCURRENCY", "4")),
                   help="tasks run at once (env TASKFORGE_CONCURRENCY; default %(default)s)")
    p.add_argument("--worker-id", default=env("TASKFORGE_WORKER_ID", ""),
                   help="this worker's id (env TASKFORGE_WORKER_ID; default py-HOST-PID)")
    p.add_argument("--lease-seconds", type=int, default=int(env("TASKFORGE_LEASE_SECONDS", "30")),
                   help="lease per claim, 5..3600; heartbeats go every third of it (default %(default)s)")
    p.add_argument("--grace-seconds", type=float, default=float(env("TASKFORGE_GRACE_SECONDS", "10")),
                   help="how long running tasks may finish on SIGINT/SIGTERM (default %(default)s)")
    p.add_argument("--max-idle-seconds", type=float, default=5.0,
                   help="longest pause between claims when there is no work (default %(default)s)")
    a = p.parse_args(argv)
    queues = [q.strip() for q in a.queues.split(",") if q.strip()]
    if not queues:
        p.error("--queues needs at least one queue")
    if not 1 <= a.concurrency <= 100:
        p.error("--concurrency must be between 1 and 100")
    if not 5 <= a.lease_seconds <= 3600:
        p.error("--lease-seconds must be between 5 and 3600")
    worker_id = a.worker_id or "py-%s-%d" % (socket.gethostname(), os.getpid())
    api_key = env("TASKFORGE_API_KEY", "")
    if not api_key:
        log("TASKFORGE_API_KEY is not set: the server will refuse this worker (401)")
    worker = Worker(a.server, queues, a.concurrency, worker_id, a.lease_seconds, a.grace_seconds,
                    a.max_idle_seconds, api_key)

    def stop(signum, _frame):
        if worker.stopping.is_set():
            log("second signal: exiting now")
            os._exit(1)
        log("signal %d: stopping gracefully (send it again to exit at once)", signum)
        worker.stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    return worker.run()


if __name__ == "__main__":
    sys.exit(main())
