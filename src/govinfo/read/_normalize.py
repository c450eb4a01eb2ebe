"""Tolerance for real-world text: labels compared loosely, values read strictly.

Labels are compared after normalisation (full- and half-width forms folded, spaces and NBSP
dropped, quotes and list marks unified) and, failing that, within a small edit distance, so
that “(一) 予以公开”, “（一）予以公开” and a typo such as “其他法律行政止公开” all find their row.
Values are read strictly: a blank, “/”, “—”, “-” or “无” is a blank cell, distinct from 0; a
number may carry 件, 万元 or 元, thousands separators and full-width digits; anything else is
unreadable, never guessed.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs
from rapidfuzz.distance import Levenshtein

from .. import limits
from ..checks._text import FOOTNOTE_MARKS
from ..model import Kind
from ..model._fields import MONEY_DIGITS, MONEY_PLACES

__all__ = [
    "BLANK_MARKERS",
    "NUMBERED",
    "PAGE_NUMBER",
    "ReadValue",
    "alias_match",
    "best_match",
    "clean_text",
    "distance",
    "is_blank_marker",
    "list_number",
    "looks_like_value",
    "normalize_label",
    "numbers_differ",
    "parse_value",
    "section_number",
]

BLANK_MARKERS: Final = frozenset({"", "/", "／", "—", "——", "－", "-", "--", "–", "无", "空", "\\"})

PAGE_NUMBER: Final = re.compile(
    r"^\s*(?:[-—－–_]+\s*\d+\s*[-—－–_]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
    r"\d+\s*/\s*\d+|共\s*\d+\s*页)\s*$"
)
"""A line that is a page number (``- 3 -``, ``— 3 —``, ``第3页 共8页``, ``3/8``)."""

NUMBERED: Final = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[（(]\d+[)）]|\d+[.、．](?!\d))"
)
"""The start of a numbered line: （一）, (1), 1. or 1、 (not 1.5)."""

_SPACES: Final = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_LIST_MARK: Final = re.compile(r"^(\d+)[、．.]")


_NUMERALS: Final = "一二三四五六"
_SECTION_WORDS: Final = {
    "一": ("总体", "概况", "基本情况"),
    "二": ("主动公开",),
    "三": ("申请",),
    "四": ("复议", "诉讼"),
    "五": ("问题", "改进", "整改", "不足", "打算", "措施"),
    "六": ("其他", "其它"),
}
# Characters that read as a section numeral once normalised (PDF text often has the Kangxi
# radicals ⼀ and ⼆ for 一 and 二): a line starting with none of them is no heading.
_NUMERAL_FORMS: Final = frozenset(
    chr(c)
    for start, end in ((0x2E80, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20))
    for c in range(start, end)
    if unicodedata.normalize("NFKC", chr(c)) in _NUMERALS
) | frozenset(_NUMERALS)
_SECTION_START: Final = re.compile(rf"^([{_NUMERALS}])\s*[、.,，]")


def section_number(text: str) -> str | None:
    """The numeral (一 … 六) of a line that heads one of the report's six sections: its numeral
    and a word of its own (“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况” is 四)."""
    start = text.lstrip()
    if not start or start[0] not in _NUMERAL_FORMS:
        return None
    text = unicodedata.normalize("NFKC", text).strip()
    match = _SECTION_START.match(text)
    if match is None or len(text) > 50:
        return None
    number = match.group(1)
    if _ITEM_INSIDE.search(text, match.end()):
        return None  # “三、本 1.申请人无正当…”, “三、 一、本年新收…”: a table's label pieces
    return number if any(word in text for word in _SECTION_WORDS[number]) else None


_ITEM_INSIDE: Final = re.compile(r"(?:^|\s)(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．](?!\d)")


def clean_text(text: str) -> str:
    """Text as printed, with the invisible removed: NBSP and ideographic spaces become
    spaces, zero-width characters go, runs of spaces collapse, the ends are trimmed.
    Full-width punctuation is kept, and so are asterisks (a text reader has already taken
    Markdown's ``**emphasis**`` as emphasis)."""
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    text = _ZERO_WIDTH.sub("", text)
    return _RUNS.sub(" ", text).strip()


_ZERO_WIDTH: Final = re.compile("[\u200b\u200c\u200d\ufeff]")
_RUNS: Final = re.compile(r"[ \t]+")
CLEANED_CHARS: Final = "\u00a0\u3000\u200b\u200c\u200d\ufeff\t"
"""The characters :func:`clean_text` replaces or removes (besides runs of spaces, which it
collapses, and the ends, which it trims), as a regular expression's character class."""


@functools.lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """A label reduced to what identifies it (for comparison only, never for output)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACES.sub("", text)
    text = _LIST_MARK.sub(r"\1.", text)
    return text.rstrip(":：")


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between ``a`` and ``b``, or ``limit + 1`` when it exceeds ``limit``."""
    return int(Levenshtein.distance(a, b, score_cutoff=limit))


def best_match(text: str, candidates: Sequence[str]) -> tuple[int | None, int]:
    """The index of the candidate label ``text`` names, and the edit distance (0 when exact).

    A label matches exactly after normalisation, or within an edit distance of about a third
    of its length when no other candidate comes as close (a typo, never a guess between two
    labels). ``(None, 0)`` when nothing matches. Results are remembered: the same labels come
    back in report after report.
    """
    return _best_match(text, candidates if isinstance(candidates, tuple) else tuple(candidates))


@functools.lru_cache(maxsize=65536)
def _best_match(text: str, candidates: tuple[str, ...]) -> tuple[int | None, int]:
    key = normalize_label(text)
    if not key:
        return None, 0
    normalized, positions = _normalized(candidates)
    exact = positions.get(key)
    if exact is not None:
        return exact, 0
    if len(key) >= 6:  # an abbreviated label: the start of exactly one candidate
        starts = [i for i, c in enumerate(normalized) if c.startswith(key)]
        if len(starts) == 1:
            return starts[0], len(normalized[starts[0]]) - len(key)
    # A third of the label may be mistyped — none of a label of two characters (小计 is not
    # 总计) — and never its number: “6.其他” is another item than “3.其他”.
    limit = min(len(key), max(len(c) for c in normalized)) // 3
    number = list_number(key)
    scored = sorted(
        (Levenshtein.distance(key, c, score_cutoff=limit), i)
        for i, c in enumerate(normalized)
        if not numbers_differ(number, list_number(c))
    )
    if not scored:
        return None, 0
    best, index = scored[0]
    if best > limit:
        return None, 0
    if len(scored) > 1 and scored[1][0] <= best:
        return None, 0  # two labels equally close: not a typo of either
    return index, best


_LIST_NUMBER: Final = re.compile(
    r"^(?:(?P<digits>\d+)[.、]|[(（](?P<inner>[\d一二三四五六七八九十]{1,3})[)）]|"
    r"(?P<word>[一二三四五六七八九十]{1,3})、)"
)
_CHINESE_DIGITS: Final = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


@functools.lru_cache(maxsize=8192)
def list_number(text: str) -> int | None:
    """The number a label starts with — ``1.``, ``1、``, ``（1）``, ``（一）``, ``一、`` — as a
    number (the same item, however it is numbered), or None."""
    match = _LIST_NUMBER.match(normalize_label(text))
    if match is None:
        return None
    digits = match.group("digits") or match.group("inner") or match.group("word")
    if digits.isdigit():
        return int(digits)
    if digits == "十":
        return 10
    tens, _, units = digits.partition("十")
    if "十" not in digits:
        return _CHINESE_DIGITS.get(digits) if len(digits) == 1 else None
    return (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (
        _CHINESE_DIGITS.get(units, 0) if units else 0
    )


def numbers_differ(a: int | None, b: int | None) -> bool:
    """Whether two labels' numbers (:func:`list_number`) name different items: both numbered,
    differently."""
    return a is not None and b is not None and a != b


def _load_aliases() -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads(
        (importlib.resources.files(__package__) / "aliases.json").read_text(encoding="utf-8")
    )
    return dict(data["labels"]), dict(data["words"])


LABEL_ALIASES, WORD_ALIASES = _load_aliases()
"""Label variants that can only mean one row (``aliases.json``): whole labels, and words."""
_ALIAS_KEYS: Final = {normalize_label(k): normalize_label(v) for k, v in LABEL_ALIASES.items()}


def alias_match(text: str, candidates: Sequence[str]) -> tuple[int, str] | None:
    """The candidate a known variant of a label names (see ``aliases.json``), and the variant:
    a whole label (规范性文件 for 行政规范性文件) or a word in it (其它 for 其他). Only when the
    official label is among ``candidates`` and exactly one candidate is named."""
    return _alias_match(text, candidates if isinstance(candidates, tuple) else tuple(candidates))


@functools.lru_cache(maxsize=8192)
def _alias_match(text: str, candidates: tuple[str, ...]) -> tuple[int, str] | None:
    key = normalize_label(text)
    _, positions = _normalized(candidates)
    if not key or key in positions:
        return None
    found: set[tuple[int, str]] = set()
    official = _ALIAS_KEYS.get(key)
    if official is not None and official in positions:
        found.add((positions[official], text))
    for variant, word in WORD_ALIASES.items():
        if variant in key:
            replaced = positions.get(key.replace(variant, word))
            if replaced is not None:
                found.add((replaced, variant))
    return min(found) if len({index for index, _ in found}) == 1 else None


@functools.lru_cache(maxsize=256)
def _normalized(candidates: tuple[str, ...]) -> tuple[list[str], dict[str, int]]:
    normalized = [normalize_label(c) for c in candidates]
    positions: dict[str, int] = {}
    for index, label in enumerate(normalized):
        positions.setdefault(label, index)  # the first, as list.index finds it
    return normalized, positions


def is_blank_marker(text: str) -> bool:
    return not text.strip() or normalize_label(text) in _BLANK_KEYS


_BLANK_KEYS: Final = frozenset(normalize_label(m) for m in BLANK_MARKERS)
_NUMBER: Final = re.compile(
    r"^(?P<sign>[+-]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?$"
)
_BROKEN_DIGITS: Final = re.compile(r"\d[^\S\n\r]*[\n\r\u2028\u2029\x85]\s*[\d,]")
# A space between thousands (2 315) — never a line break: two lines of digits are two numbers.
_THOUSANDS_SPACE: Final = re.compile(r"(?<=\d)[ \t\u00a0\u2009\u202f\u3000](?=\d{3}(?!\d))")
_SPACED_DIGITS: Final = re.compile(r"\d[\s]+\d")
_UNITS: Final = ("万元", "元", "件", "项", "个", "条", "次")


@attrs.frozen
class ReadValue:
    """What a cell's text says: a value, a blank (with its raw text), or nothing readable."""

    value: int | Decimal | None
    blank: bool = False
    raw: str = ""
    unit: str | None = None
    problem: str | None = None
    mark: str | None = None
    """A footnote mark after the number (``①``, ``¹``, ``*``, ``注1``), left out of it."""
    oversized: bool = False
    """A number, but with more digits than a cell may hold (``problem`` says so)."""


@functools.lru_cache(maxsize=4096)
def looks_like_value(text: str) -> bool:
    """True when a cell's text is a number or a blank marker (not a label) — or numbers on
    lines of their own (a cell of two numbers, unreadable but no label)."""
    if is_blank_marker(text):
        return True
    if "\n" in text.strip():
        lines = [line for line in text.splitlines() if line.strip()]
        return len(lines) > 1 and all(looks_like_value(line) for line in lines)
    signed = parse_value(text, Kind.SIGNED)
    return (
        parse_value(text, Kind.MONEY).problem is None or signed.problem is None or signed.oversized
    )


_MARK_CHARS: Final = FOOTNOTE_MARKS
_MARKS: Final = re.compile(f"[{_MARK_CHARS}]")
_NOTE_NUMBER: Final = "[0-9\u00b9\u00b2\u00b3\u2070-\u2079]{1,2}"  # 注1, or 注¹ set raised
_TRAILING_MARKS: Final = re.compile(
    rf"(?:[{_MARK_CHARS}]|[（(]注{_NOTE_NUMBER}[)）]|注{_NOTE_NUMBER})+$"
)


def _shown(raw: str) -> str:
    """A cell's text for a message (one line): its line breaks shown as ⏎, shortened when
    long."""
    text = _BREAKS.sub("⏎", clean_text(raw))
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}（{len(text)} characters）"


_BREAKS: Final = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")


@functools.lru_cache(maxsize=16384)
def parse_value(text: str, kind: Kind) -> ReadValue:
    """Read a cell of ``kind`` from its text (remembered: a report's cells repeat a few texts)."""
    raw = text
    if is_blank_marker(text):
        return ReadValue(None, blank=True, raw=clean_text(raw))
    # A footnote mark never joins the number: NFKC would make “12①” 121 and “12¹” 121.
    mark = None
    found = _TRAILING_MARKS.search(text.rstrip())
    if found is not None and found.start() > 0:
        mark, text = found.group(), text.rstrip()[: found.start()]
    if _MARKS.search(text):
        return ReadValue(None, raw=raw, problem=f"cannot read “{_shown(raw)}” as a number")
    if mark is not None:
        read = parse_value(text, kind)
        return attrs.evolve(read, raw=raw, mark=mark if read.problem is None else None)
    text = unicodedata.normalize("NFKC", text).strip()
    if _BROKEN_DIGITS.search(text):  # digits on two lines of a cell: never one number
        return ReadValue(None, raw=raw, problem=f"cannot read “{_shown(raw)}” as one number")
    text = _THOUSANDS_SPACE.sub(",", text)  # 2 315: a thousands space
    text = _SPACES.sub("", text)
    if _SPACED_DIGITS.search(unicodedata.normalize("NFKC", raw).strip()) and "," not in text:
        return ReadValue(None, raw=raw, problem=f"cannot read “{_shown(raw)}” as a number")
    unit = next((u for u in _UNITS if text.endswith(u)), None)
    if unit is not None:
        text = text[: -len(unit)]
    match = _NUMBER.match(text)
    if match is None:
        return ReadValue(None, raw=raw, problem=f"cannot read “{_shown(raw)}” as a number")
    sign, digits, fraction = match.group("sign"), match.group("digits"), match.group("fraction")
    number = digits.replace(",", "")
    significant = len(number.lstrip("0"))
    if kind is Kind.MONEY:
        if sign == "-":
            return ReadValue(None, raw=raw, problem=f"an amount cannot be negative: “{raw}”")
        if significant > MONEY_DIGITS or len(fraction or ".") - 1 > MONEY_PLACES:
            return ReadValue(
                None,
                raw=raw,
                problem=f"an amount has at most {MONEY_DIGITS} digits before the decimal point "
                f"and {MONEY_PLACES} after it: “{_shown(raw)}”",
                oversized=True,
            )
        return ReadValue(Decimal(number + (fraction or "")), raw=raw, unit=unit)
    if fraction:
        return ReadValue(
            None, raw=raw, problem=f"a count is a whole number, not “{clean_text(raw)}”"
        )
    if unit in ("万元", "元"):
        return ReadValue(None, raw=raw, problem=f"a count is not an amount: “{clean_text(raw)}”")
    if sign == "-" and kind is Kind.COUNT:
        return ReadValue(None, raw=raw, problem=f"a count cannot be negative: “{_shown(raw)}”")
    if significant > limits.current().count_digits:
        return ReadValue(
            None,
            raw=raw,
            problem=f"a count of {significant} digits, over the limit of "
            f"{limits.current().count_digits} (count_digits): “{_shown(raw)}”",
            oversized=True,
        )
    value = int(number)
    return ReadValue(-value if sign == "-" else value, raw=raw, unit=unit)
