"""Write the shipped Word template, built from the model.

Run ``python tools/build_template.py`` after changing the model, the labels or the layout;
``--check`` only reports whether the committed template is stale (exit 1), as the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govinfo.render._build import build_template
from govinfo.render._template import DEFAULT_TEMPLATE

TARGET = Path(__file__).resolve().parent.parent / "src/govinfo/render/templates" / DEFAULT_TEMPLATE


def main(argv: list[str]) -> int:
    data = build_template()
    current = TARGET.read_bytes() if TARGET.exists() else None
    if "--check" in argv:
        if current != data:
            print(f"stale: {TARGET}", file=sys.stderr)
            return 1
        return 0
    if current != data:
        TARGET.write_bytes(data)
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
