"""Run a function on untrusted input in a child process with a memory limit.

A reader fed a hostile file can allocate without bound or crash outright; in the web
process (or a job worker) that takes every request and job of the process down with it.
`run_isolated()` runs the function in a child process started by a fork server that has
already loaded Django (so a call costs milliseconds, not a fresh interpreter), with
RLIMIT_AS set to `memory_bytes`; it returns the function's result, re-raises the
UnreadableFile the function raised, and turns a child that died, ran out of memory or took
longer than `timeout` seconds into an UnreadableFile with a clear message.

The function is named by its dotted path and its arguments and result must pickle. The
child has no database connection of its own to share: give it files and plain values.
"""

import multiprocessing
import os
import resource
import signal
import threading
import traceback

from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

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
    from sashakt.core.spreadsheets import UnreadableFile

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
            raise UnreadableFile(
                _("Reading this file took too long and was stopped. Split it into smaller files.")
            )
        try:
            outcome, value = receiver.recv()
        except EOFError:  # the child died before answering (killed, out of memory, crashed)
            outcome, value = "died", None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome == "ok":
        return value
    if outcome == "unreadable":
        raise UnreadableFile(value)
    if outcome == "memory":
        raise UnreadableFile(_memory_message(memory_bytes))
    if outcome == "died" and child.exitcode in _KILLED:
        raise UnreadableFile(_memory_message(memory_bytes))
    # An unexpected error in our own code (or a child that could not start): a 500, logged.
    raise IsolatedRunFailed(value or f"isolated child exited with {child.exitcode}")


def _memory_message(memory_bytes: int) -> str:
    return _(
        "This file could not be read safely: reading it needed more than %(megabytes)s MB of "
        "memory. Open it in Excel, check that it holds only the table, save it as .xlsx and "
        "upload it again."
    ) % {"megabytes": memory_bytes // (1024 * 1024)}


def _child(sender, func_path, args, kwargs, memory_bytes, language) -> None:
    from sashakt.core.spreadsheets import UnreadableFile

    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        if language:
            translation.activate(language)
        try:
            result = ("ok", import_string(func_path)(*args, **kwargs))
        except UnreadableFile as error:
            result = ("unreadable", str(error))
        except MemoryError:
            result = ("memory", None)
        except Exception:
            result = ("error", traceback.format_exc())
        sender.send(result)
    finally:
        sender.close()
        os._exit(0)  # no atexit handlers, no inherited database connections closed twice
