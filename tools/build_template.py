"""Write the shipped Word templates (one per layout of the tables), built from the model.

Run ``python tools/build_template.py`` after changing the model, the labels or the layout;
``--check`` only reports whether the committed template is stale (exit 1), as the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govinfo.render._build import build_template, layouts

TEMPLATES = Path(__file__).resolve().parent.parent / "src/govinfo/render/templates"


def main(argv: list[str]) -> int:
    stale = []
    for name, layout in layouts().items():
        target = TEMPLATES / name
        data = build_template(layout)
        current = target.read_bytes() if target.exists() else None
        if current == data:
            continue
        stale.append(target)
        if "--check" not in argv:
            target.write_bytes(data)
            print(f"wrote {target}")
    if "--check" in argv and stale:
        print("stale: " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
