"""Run a function on untrusted input in a child process with a memory limit.

A reader fed a hostile file can allocate without bound or crash outright; in the web
process (or a job worker) that takes every request and job of the process down with it.
`run_isolated()` runs the function in a child process started by a fork server that has
already loaded Django (so a call costs milliseconds, not a fresh interpreter), with
RLIMIT_AS set to `memory_bytes`; it returns the function's result, re-raises the
UnreadableFile the function raised, and turns a child that died, ran out of memory or took
longer than `timeout` seconds into an UnreadableFile with a clear message.

In a daemonic process (a Celery prefork worker), which multiprocessing allows no children,
the child is a fresh interpreter instead (`python -m sashakt.core.sandbox`): about a second
slower, as safe.

The function is named by its dotted path and its arguments and result must pickle. The
child has no database connection of its own to share: give it files and plain values.
"""

import contextlib
import fcntl
import multiprocessing
import os
import pickle
import resource
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from sashakt.core.spreadsheets import UnreadableFile

# How a child that ran out of memory ends: killed by the kernel, or aborted by a reader
# (Rust's allocation failure aborts) or faulting.
_KILLED = {-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS}
_context = None
_context_lock = threading.Lock()


class IsolatedRunFailed(Exception):
    """The child process died or ran out of time; the message is for the user."""


def _forkserver_context():
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sashakt.core.sandbox_boot"])
            _context = context
        return _context


def run_isolated(func_path: str, *args, memory_bytes: int, timeout: float, **kwargs):
    with reader_place():
        if multiprocessing.current_process().daemon:
            # A Celery prefork worker is a daemonic process, and multiprocessing gives
            # daemons no children: start a fresh interpreter instead (slower, as safe).
            return _run_in_fresh_interpreter(func_path, args, kwargs, memory_bytes, timeout)
        return _run_in_forked_child(func_path, args, kwargs, memory_bytes, timeout)


@contextlib.contextmanager
def reader_place():
    """One of the SPREADSHEET_READERS places for a child on this machine, waited for up to
    SPREADSHEET_READER_WAIT_SECONDS (issue 23: three concurrent 1.6 KB uploads each started
    a child allowed 2 GB, 4.9 GB in all, and two answered 500).

    A place is an exclusive flock on one of the lock files slot-0 … slot-N-1: shared by the
    web processes and workers of the machine, and given back by the kernel when its holder
    ends, however it ends."""
    folder = Path(settings.SPREADSHEET_READER_LOCK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.SPREADSHEET_READER_WAIT_SECONDS
    while True:
        for slot in range(max(settings.SPREADSHEET_READERS, 1)):
            handle = open(folder / f"slot-{slot}", "a+b")  # noqa: SIM115 (held while reading)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield slot
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() >= deadline:
            raise UnreadableFile(_BUSY())
        time.sleep(0.05)


def _BUSY() -> str:  # noqa: N802
    return _("The server is reading other files just now. Try again in a minute.")


def _run_in_forked_child(func_path, args, kwargs, memory_bytes, timeout):
    context = _forkserver_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, func_path, args, kwargs, memory_bytes, translation.get_language()),
        name="sashakt-isolated",
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise UnreadableFile(_TOO_SLOW())
        try:
            outcome, value = receiver.recv()
        except EOFError:  # the child died before answering (killed, out of memory, crashed)
            outcome, value = "died", None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    return _outcome(outcome, value, child.exitcode, memory_bytes)


def _run_in_fresh_interpreter(func_path, args, kwargs, memory_bytes, timeout):
    request = pickle.dumps((func_path, args, kwargs, memory_bytes, translation.get_language()))
    try:
        child = subprocess.run(
            [sys.executable, "-m", "sashakt.core.sandbox"],
            input=request,
            capture_output=True,
            timeout=timeout,
            cwd=settings.BASE_DIR,
        )
    except subprocess.TimeoutExpired:
        raise UnreadableFile(_TOO_SLOW()) from None
    try:
        outcome, value = pickle.loads(child.stdout)
    except Exception:  # nothing, or half an answer: the child died
        outcome, value = "died", child.stderr.decode(errors="replace")[-2000:]
    return _outcome(outcome, value, child.returncode, memory_bytes)


def _outcome(outcome: str, value, exitcode, memory_bytes: int):
    if outcome == "ok":
        return value
    if outcome == "unreadable":
        raise UnreadableFile(value)
    if outcome == "memory" or (outcome == "died" and exitcode in _KILLED):
        raise UnreadableFile(_memory_message(memory_bytes))
    # An unexpected error in our own code (or a child that could not start): a 500, logged.
    raise IsolatedRunFailed(value or f"isolated child exited with {exitcode}")


def _TOO_SLOW() -> str:  # noqa: N802
    return _("Reading this file took too long and was stopped. Split it into smaller files.")


def _memory_message(memory_bytes: int) -> str:
    return _(
        "This file could not be read safely: reading it needed more than %(megabytes)s MB of "
        "memory. Open it in Excel, check that it holds only the table, save it as .xlsx and "
        "upload it again."
    ) % {"megabytes": memory_bytes // (1024 * 1024)}


def _call(func_path, args, kwargs, memory_bytes, language) -> tuple[str, object]:
    """In the child: limit memory, run the function, say how it went."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if language:
        translation.activate(language)
    try:
        return "ok", import_string(func_path)(*args, **kwargs)
    except UnreadableFile as error:
        return "unreadable", str(error)
    except MemoryError:
        return "memory", None
    except Exception:
        return "error", traceback.format_exc()


def _child(sender, func_path, args, kwargs, memory_bytes, language) -> None:
    try:
        sender.send(_call(func_path, args, kwargs, memory_bytes, language))
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no inherited database connections closed twice


if __name__ == "__main__":  # the fresh-interpreter child: request on stdin, answer on stdout
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    django.setup()
    answer = _call(*pickle.loads(sys.stdin.buffer.read()))
    sys.stdout.buffer.write(pickle.dumps(answer))
    sys.stdout.buffer.flush()
