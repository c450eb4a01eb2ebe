"""Write the generated documentation pages (rules catalogue, data model, JSON Schema).

Run ``python tools/gen_docs.py`` after changing the model or the rules; ``--check`` only
reports stale pages (exit 1), as the test suite does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govinfo._docgen import pages

DOCS = Path(__file__).resolve().parent.parent / "docs"


def main(argv: list[str]) -> int:
    stale = []
    for name, text in pages().items():
        path = DOCS / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if "--check" not in argv:
            path.write_text(text, encoding="utf-8")
            print(f"wrote docs/{name}")
    if "--check" in argv and stale:
        print("stale: " + ", ".join(f"docs/{n}" for n in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
