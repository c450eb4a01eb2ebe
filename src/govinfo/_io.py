"""Files in and out: atomic writes that never lose a file, outputs that never replace an input.

A write goes through a temporary file beside its target, named ``.NAME.PID.RANDOM.tmp``, which
is renamed over the target once complete: a failure, an interrupt (Ctrl-C, SIGTERM) or a full
disk never leaves a half-written or clobbered file. A process killed outright (SIGKILL, power
loss) cannot remove its temporary file; the next write of the same file removes it, once the
process that wrote it is gone.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import stat
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

from . import limits
from .errors import LimitExceeded, OutputIsInput

__all__ = [
    "atomic_write",
    "atomic_write_all",
    "cannot_write",
    "declares_doctype",
    "read_limited",
    "refuse_overwriting",
    "remove_stale",
    "same_file",
    "zip_parts",
]

STALE_AFTER: Final = 24 * 3600
"""Seconds after which a temporary file is stale even if a process of its number runs (the
number may have been reused), or when the process cannot be asked (Windows)."""


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    ``data`` is the file's bytes, or an iterable of chunks written one after the other (a
    large file made piece by piece is never whole in memory).

    The file appears complete or not at all. A symbolic link is followed (the file it points
    to is replaced, the link stays); a target that exists but is not a regular file (a device,
    a directory, a pipe) is refused rather than replaced. With ``overwrite=False`` an existing
    file is never replaced (:class:`FileExistsError`), even if it appears while writing. A new
    file gets the permissions the umask allows; a replaced file keeps its permissions.
    Temporary files that earlier writes of ``path`` left behind when killed are removed.
    """
    atomic_write_all([(path, data)], overwrite=overwrite)


def atomic_write_all(
    files: Iterable[tuple[Path, bytes | Iterable[bytes]]], *, overwrite: bool = True
) -> None:
    """Write several files as :func:`atomic_write` writes one, each through its temporary
    file, and put them in place only once every one is complete: a failure or an interrupt
    while they are made leaves all the old files as they were (a set of outputs that belong
    together is never half old, half new)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            try:
                staged.append(_stage(path, data, overwrite=overwrite))
            except OSError as exc:
                exc.filename = str(path)  # not the temporary file's name
                raise
        for tmp, target in staged:
            if overwrite:
                os.replace(tmp, target)
            else:
                os.link(tmp, target)  # fails with FileExistsError instead of replacing
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def _stage(path: Path, data: bytes | Iterable[bytes], *, overwrite: bool) -> tuple[Path, Path]:
    """The complete temporary file of ``data`` beside ``path``'s target, and the target."""
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
    remove_stale(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666
    # Everything from the creation of the temporary file on is inside the try: an interrupt
    # at any point still removes it (its random name makes it ours if it exists).
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes | bytearray | memoryview):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, mode)  # the umask applied at creation must not narrow it
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp, target


def cannot_write(path: str | os.PathLike[str], exc: OSError) -> str:
    """Why ``path`` could not be written, in one line: a folder that does not exist is named."""
    folder = Path(path).parent
    if isinstance(exc, FileNotFoundError) and not folder.exists():
        return f"cannot write {path}: there is no folder {folder}"
    return f"cannot write {path}: {exc.strerror or exc}"


def read_limited(path: str | os.PathLike[str], limit: str) -> bytes:
    """The bytes of the file at ``path``, refused (:class:`~govinfo.errors.LimitExceeded`)
    when it is larger than the limit named ``limit`` — before it is read into memory, and
    without trusting the size a device or a pipe reports."""
    maximum = getattr(limits.current(), limit)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        limits.enforce(limit, size, maximum, os.fspath(path))
        data = handle.read(maximum + 1)
    limits.enforce(limit, len(data), maximum, os.fspath(path))
    return data


def zip_parts(
    data: bytes, *, wanted: Callable[[str], bool] | None = None, where: str = ""
) -> dict[str, bytes]:
    """The parts of the zip archive ``data`` (those whose name is ``wanted``), decompressed
    within the limits: the number of parts (``package_parts``), each part's size
    (``part_bytes``) and the whole package's (``package_bytes``) are checked against the
    sizes its directory declares before anything is decompressed, and again against what
    decompressing gives (a declared size may lie). Anything that makes the archive unreadable
    is a :class:`zipfile.BadZipFile`."""
    in_force = limits.current()
    prefix = f"{where}: " if where else ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            limits.enforce("package_parts", len(infos), where=where)
            declared = sum(info.file_size for info in infos)
            limits.enforce("package_bytes", declared, where=where)
            parts: dict[str, bytes] = {}
            total = 0
            for info in infos:
                if wanted is not None and not wanted(info.filename):
                    continue
                place = prefix + info.filename
                limits.enforce("part_bytes", info.file_size, in_force.part_bytes, place)
                with archive.open(info) as handle:
                    part = handle.read(in_force.part_bytes + 1)
                limits.enforce("part_bytes", len(part), in_force.part_bytes, place)
                total += len(part)
                limits.enforce("package_bytes", total, in_force.package_bytes, where)
                parts[info.filename] = part
            return parts
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # A damaged entry, an unsupported compression method, an encrypted part.
        raise zipfile.BadZipFile(f"not a readable zip archive: {exc}") from None
    except (OSError, ValueError) as exc:
        if isinstance(exc, LimitExceeded):
            raise
        raise zipfile.BadZipFile(f"not a readable zip archive: {exc}") from None


_DOCTYPE: Final = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))


def declares_doctype(xml: bytes) -> bool:
    """Whether an XML document declares a document type (``<!DOCTYPE …>``). A Word document
    never does; one that does is refused before it is parsed, because the XML parser reads
    the files a document type names (``SYSTEM "file:///etc/passwd"``) whatever it is told."""
    return any(marker in xml for marker in _DOCTYPE)


def _process_gone(pid: int) -> bool:
    if os.name != "posix":
        return False  # os.kill would end the process, not ask about it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (another user's process)
    return False


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files that writes of ``target`` left behind, and return them.

    Only files named as :func:`atomic_write` names them for this very target, regular files
    owned by this user, whose writing process no longer runs on this machine (or that are
    older than :data:`STALE_AFTER`) are removed: never another program's file, never the
    temporary file of a write still going on.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[0-9a-f]{{12}}\.tmp")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    uid = getattr(os, "getuid", lambda: None)()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        pid = match.group(1)
        old = now - info.st_mtime > STALE_AFTER
        if old or (pid is not None and int(pid) != os.getpid() and _process_gone(int(pid))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` name one file: the same path, a symbolic link to it, or a hard
    link (the same device and inode)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_overwriting(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]
) -> None:
    """Raise :class:`~govinfo.errors.OutputIsInput` when ``output`` is one of ``inputs``.

    Every command that writes a file calls this with everything it reads, before writing.
    """
    for item in inputs:
        if item is not None and same_file(output, item):
            raise OutputIsInput(os.fspath(output), os.fspath(item))
