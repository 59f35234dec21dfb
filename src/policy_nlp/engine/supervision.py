"""How a worker process stays tied to the run that started it, and how a death is told.

Workers must never outlive their parent: an orphaned worker idles for ever and, before the
lock became per-process, kept the dataset locked. On Linux the kernel kills a worker when
its parent dies (``PR_SET_PDEATHSIG``); everywhere, a watchdog thread in the worker checks
that its parent is still the process that started it (that also covers a parent that died
between the fork and the ``prctl`` call).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

#: Test-only hook: a worker that meets a document containing this text kills itself with
#: SIGKILL, as the out-of-memory killer would. Unset in normal use.
POISON_ENV = "POLICY_NLP_TEST_POISON"

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, poll_seconds: float = 0.5) -> None:
    """Make this (worker) process end as soon as ``parent_pid`` is no longer its parent."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends the worker
    if os.getppid() != parent_pid:  # the parent died before we could ask to follow it
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(poll_seconds)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="policy-nlp-parent-watch", daemon=True).start()


def describe_exit(exitcode: int | None) -> str:
    """Why a worker ended, in the words a user needs: a SIGKILL is usually the OOM killer."""
    if exitcode is None:
        return "worker ended for an unknown reason"
    if exitcode < 0:
        n = -exitcode
        try:
            name = signal.Signals(n).name
        except ValueError:
            name = "unknown signal"
        hint = " — out of memory?" if n == signal.SIGKILL else ""
        return f"worker killed by signal {n} ({name}){hint}"
    return f"worker exited with status {exitcode}"


def poison_marker() -> str | None:
    return os.environ.get(POISON_ENV) or None


def check_poison(text: str, marker: str | None) -> None:
    """The test hook of POISON_ENV: die abruptly on a marked document."""
    if marker is not None and marker in text:
        os.kill(os.getpid(), signal.SIGKILL)
