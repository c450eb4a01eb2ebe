"""Atomic file writes: a failure never leaves a half-written or clobbered file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    The file appears complete or not at all. A symbolic link is followed (the file it points
    to is replaced, the link stays); a target that exists but is not a regular file (a device,
    a directory, a pipe) is refused rather than replaced. With ``overwrite=False`` an existing
    file is never replaced (:class:`FileExistsError`), even if it appears while writing. A new
    file gets the permissions the umask allows; a replaced file keeps its permissions.
    """
    target = Path(os.path.realpath(path))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None:
        if not overwrite:
            raise FileExistsError(errno.EEXIST, "file exists", str(path))
        if not stat.S_ISREG(existing.st_mode):
            raise IsADirectoryError(
                errno.EISDIR, "not a regular file; refusing to replace it", str(path)
            )
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, mode)  # the umask applied at creation must not narrow it
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # fails with FileExistsError instead of replacing
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
