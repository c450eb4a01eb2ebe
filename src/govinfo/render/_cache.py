"""Compiled templates kept on disk between processes, so that one render starts fast.

Compiling a template — docxtpl's clean-up, Jinja's parser and code generator, the probe that
finds where each number is printed — costs several times what rendering a report does. The
result is kept in the user's cache folder (``$GOVINFO_CACHE_DIR``, else the platform's: on
Linux ``$XDG_CACHE_HOME/govinfo`` or ``~/.cache/govinfo``), as Python keeps bytecode: the
template's Jinja code as ``marshal``-ed code objects, and the rest as plain data. An entry is
used only by the same template bytes, Python, Jinja and govinfo code (every module of the
package, by size and time); anything else, or a folder that cannot be written, and the
template is compiled as before. ``GOVINFO_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import jinja2

from ._template import CompiledTemplate, _CompiledPart, _environment
from ._zip import Entry

__all__ = ["cache_dir", "compiled"]

_FORMAT: Final = b"govinfo-template-cache 1\n"
_KEEP: Final = 32
"""Entries kept in the folder: the oldest go when there are more."""


def cache_dir() -> Path | None:
    """The folder compiled templates are kept in, or ``None`` when the cache is off."""
    given = os.environ.get("GOVINFO_CACHE_DIR")
    if given is not None:
        return Path(given) if given else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "govinfo" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govinfo"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govinfo"


_CODE: list[str] = []


def _code_fingerprint() -> str:
    """The package's code, by the size and time of each module: a change to any of them
    (how templates are compiled or probed, the model they are probed with) is a new key."""
    if not _CODE:
        package = Path(__file__).resolve().parent.parent
        marks = []
        for path in sorted(package.rglob("*.py")):
            stat = path.stat()
            marks.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
        _CODE.append(hashlib.sha256("\n".join(marks).encode()).hexdigest())
    return _CODE[0]


def _key(digest: str, shipped: bool) -> str:
    from .. import __version__

    parts = (
        digest,
        str(shipped),
        __version__,
        sys.implementation.cache_tag or sys.version,
        jinja2.__version__,
        _code_fingerprint(),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _payload(found: CompiledTemplate) -> dict[str, Any]:
    from ._build import layouts

    layout_name = next((n for n, lay in layouts().items() if dict(lay) == found.layout), "")
    return {
        "parts": found.parts,
        "compiled": {n: (p.prefix, p.code, p.suffix) for n, p in found.compiled.items()},
        "placeholder_cells": found.placeholder_cells,
        "source": found.source,
        "layout": layout_name if found.layout else "",
        "slots": [(list(k), v) for k, v in found.slots.items()],
        "table_sizes": found.table_sizes,
        "static": {n: (e.crc, e.size, e.data) for n, e in found.static.items()},
    }


def _restore(name: str, digest: str, shipped: bool, data: dict[str, Any]) -> CompiledTemplate:
    from ._build import layouts

    env = _environment()

    def template(code: Any) -> jinja2.Template:
        return env.template_class.from_code(env, code, env.make_globals(None), None)

    compiled = {
        part: _CompiledPart(prefix, template(code), suffix, code)
        for part, (prefix, code, suffix) in data["compiled"].items()
    }
    return CompiledTemplate(
        name=name,
        digest=digest,
        parts=data["parts"],
        compiled=compiled,
        placeholder_cells={k: tuple(v) for k, v in data["placeholder_cells"].items()},
        source=data["source"],
        layout=dict(layouts()[data["layout"]]) if data["layout"] else {},
        slots={tuple(k): tuple(v) for k, v in data["slots"]},
        table_sizes=tuple(data["table_sizes"]),
        static={n: Entry(n, *entry) for n, entry in data["static"].items()},
        shipped=shipped,
    )


def compiled(
    name: str,
    data: bytes,
    digest: str,
    shipped: bool,
    compile_template: Callable[..., CompiledTemplate],
) -> CompiledTemplate:
    """The template ``data`` compiled: from the cache when an entry for it is there, else
    compiled with ``compile_template`` and kept for the next process."""
    folder = cache_dir()
    if folder is None:
        return compile_template(name, data, shipped=shipped)
    key = _key(digest, shipped)
    path = folder / f"{key}.bin"
    try:
        stored = path.read_bytes()
        if stored.startswith(_FORMAT + key.encode() + b"\n"):
            payload = marshal.loads(stored[len(_FORMAT) + len(key) + 1 :])
            return _restore(name, digest, shipped, payload)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        pass  # no entry, or one that cannot be used: compile
    found = compile_template(name, data, shipped=shipped)
    # A folder that cannot be written: the next process compiles again.
    with contextlib.suppress(OSError, ValueError):
        _store(folder, path, _FORMAT + key.encode() + b"\n" + marshal.dumps(_payload(found)))
    return found


def _store(folder: Path, path: Path, content: bytes) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".bin")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    entries = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-_KEEP]:
        old.unlink(missing_ok=True)
