"""Ctrl-C and SIGTERM during a run: stop at once, keep what is finished, say how to resume.

While batches are being processed, either signal raises :class:`RunInterrupted` in the main
thread, so the run abandons its batches in flight (finished ones are already on disk as
pending parts) and ends without a traceback. While the dataset is being committed, a signal
is only recorded: the commit is short and journaled, and finishing it is better than
leaving it for the next run to repair.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from collections.abc import Iterator


class RunInterrupted(BaseException):
    """The run was stopped by SIGINT or SIGTERM (a BaseException, like KeyboardInterrupt, so that
    the per-document ``except Exception`` that keeps a batch going never swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class InterruptGuard:
    def __init__(self) -> None:
        self.raising = True
        self.received: int | None = None

    def _handle(self, signum, _frame) -> None:
        self.received = signum
        if self.raising:
            raise RunInterrupted(signum)


@contextmanager
def interrupt_guard() -> Iterator[InterruptGuard]:
    """Turn SIGINT and SIGTERM into RunInterrupted for the duration (main thread only;
    elsewhere the signals keep their handlers)."""
    guard = InterruptGuard()
    if threading.current_thread() is not threading.main_thread():
        yield guard
        return
    old = {s: signal.signal(s, guard._handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield guard
    finally:
        for s, h in old.items():
            signal.signal(s, h)
