"""The writer's lock on a dataset folder: one writing process at a time, and never a lock
held by a process that is not writing.

Why POSIX record locks (``fcntl.lockf``) and not ``flock``: an ``flock`` belongs to the open
file, so every process forked while it is held (the workers of a run) holds it too, and
workers orphaned by a killed parent kept the dataset locked for ever. A POSIX lock belongs
to the process that took it: forked workers never hold it, and the kernel drops it the
moment that process ends, however it ends. POSIX locks do not conflict inside one process,
so a process also keeps the list of folders it has locked itself.

The lock file records who holds it (pid, host, start time, command). A clean exit empties
it; a record left behind names a run that was killed, and the next writer says so in one
line when it takes the folder over.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
import time
from pathlib import Path

log = logging.getLogger("policy_nlp")

LOCK_FILE = ".lock"

# (st_dev, st_ino) of the lock files this process holds: POSIX locks never conflict within
# one process, so a second writer in the same process is refused here instead.
_HELD: set[tuple[int, int]] = set()


class DatasetLockedError(RuntimeError):
    """Another process is writing to the same dataset folder."""


def _holder_record() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
            "command": " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:300]}


def _read_record(fd: int) -> dict | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096).decode("utf-8", "replace").strip()
        record = json.loads(raw) if raw else None
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _describe(record: dict | None) -> str:
    if not record:
        return "another policy-nlp process"
    return f"process {record.get('pid')} on {record.get('host')} (started {record.get('started')}: {record.get('command')})"


class DatasetLock:
    """Exclusive, non-blocking lock on ``root/.lock``; ``release()`` or use as a context manager."""

    def __init__(self, root: Path):
        self.path = Path(root) / LOCK_FILE
        self._fd: int | None = None
        self._key: tuple[int, int] | None = None
        #: the record of a writer that ended without releasing the folder (a killed run), if any
        self.previous: dict | None = None

    def acquire(self) -> "DatasetLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
        if key in _HELD:
            os.close(fd)
            raise DatasetLockedError(f"{self.path.parent}: this process is already writing to this dataset")
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_record(fd)
            os.close(fd)
            raise DatasetLockedError(f"{self.path.parent}: {_describe(holder)} is writing to this dataset") from None
        previous = _read_record(fd)
        if previous and previous.get("pid") != os.getpid():
            self.previous = previous
            log.warning("notice: %s: taking over from process %s on %s (started %s), which ended without finishing;"
                        " its finished batches are kept", self.path.parent, previous.get("pid"), previous.get("host"),
                        previous.get("started"))
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_holder_record(), ensure_ascii=False).encode("utf-8"), 0)
        self._fd, self._key = fd, key
        _HELD.add(key)
        return self

    def release(self) -> None:
        """Empty the record (a clean end) and let the folder go."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        finally:
            _HELD.discard(self._key)
            os.close(fd)  # closing the descriptor releases the POSIX lock

    def __enter__(self) -> "DatasetLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
