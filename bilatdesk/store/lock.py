"""One instance per database: a lock file naming its holder, taken over when stale."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from bilatdesk.store.errors import DatabaseInUseError, DatabaseOpenError
from bilatdesk.store.private import PRIVATE_FILE, tighten

try:  # POSIX: the kernel drops the lock when its holder dies, so stale locks free themselves.
    import fcntl
except ImportError:  # pragma: no cover - Windows falls back to the pid check below
    fcntl = None  # type: ignore[assignment]


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.since}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data.get("since", "?")))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


class InstanceLock:
    """Held for as long as a program has the database open."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        # A holder that is releasing unlinks the file while still holding it; whoever locked
        # the unlinked file must try again on the new one, or two instances would both win.
        for _attempt in range(20):
            handle = self._open()
            self._lock_or_refuse(handle)
            if self._still_linked(handle):
                break
            handle.close()
        else:  # pragma: no cover - only under a storm of competing starts
            raise DatabaseOpenError(f"Could not take the lock file {self.path}; try again.")
        tighten(self.path)  # a lock file left by an older version may be world-readable
        me = Holder(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat("T", "seconds"))
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(me.__dict__))
        handle.flush()
        self._handle = handle

    def _open(self) -> IO[str]:
        try:
            # Private (0600) whatever the umask: it names the holder's process and host.
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
            return os.fdopen(descriptor, "a+", encoding="utf-8")
        except OSError as exc:
            raise DatabaseOpenError(
                f"Cannot create the lock file {self.path}: {exc.strerror}. "
                "Check that the folder is writable."
            ) from exc

    def _lock_or_refuse(self, handle: IO[str]) -> None:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                holder = _read_holder(self.path)
                raise DatabaseInUseError(
                    str(self.database), holder.describe() if holder else "another process"
                ) from None
            return
        holder = _read_holder(self.path)  # pragma: no cover - non-POSIX
        if holder is not None and holder.pid != os.getpid():  # pragma: no cover
            same_host = holder.host == socket.gethostname()
            if not same_host or _pid_alive(holder.pid):
                handle.close()
                raise DatabaseInUseError(str(self.database), holder.describe())

    def _still_linked(self, handle: IO[str]) -> bool:
        try:
            return os.fstat(handle.fileno()).st_ino == self.path.stat().st_ino
        except OSError:
            return False

    def release(self) -> None:
        if self._handle is None:
            return
        # Unlink while still holding the lock (see acquire), then let go.
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._handle.close()
        self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
