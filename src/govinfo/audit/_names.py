"""Organ names compared as people write them: width, spaces and the usual suffix variants.

The same office prints its name in several ways from one year to the next — full- or
half-width brackets, spaces between characters, 人民政府 or 政府, 街道办事处 or 街道. The key
of a name is what stays once these are set aside; names with the same key are the same organ.
Nothing else is merged (no abbreviations, no dropped region prefixes): two offices with
similar names must never be paired by guesswork.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["SUFFIX_VARIANTS", "organ_key"]

SUFFIX_VARIANTS: Final = (
    ("街道办事处", "街道"),
    ("人民政府办公室", "政府办公室"),
    ("人民政府办", "政府办公室"),
    ("政府办", "政府办公室"),
    ("人民政府", "政府"),
)
"""The endings taken as the same (the first that ends a name is replaced by its variant)."""

_TOWNSHIP: Final = ("镇政府", "乡政府")
"""After the above: a town's or township's 政府 is the town itself (某镇人民政府 = 某镇)."""

_IGNORED: Final = re.compile(r"[\s·・•]+")


def organ_key(name: str) -> str:
    """The key of an organ's name: equal keys name the same organ."""
    key = _IGNORED.sub("", unicodedata.normalize("NFKC", name))
    for ending, variant in SUFFIX_VARIANTS:
        if key.endswith(ending):
            key = key[: -len(ending)] + variant
            break
    if key.endswith(_TOWNSHIP):
        key = key[: -len("政府")]
    return key
