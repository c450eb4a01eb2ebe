"""The page's charts, drawn with matplotlib as inline SVG with Chinese labels.

The text of a chart is drawn as outlines (``svg.fonttype = "path"``), so the page shows it
the same on a PC without any Chinese font; the font used to draw it is a CJK font found on
this machine through matplotlib's font manager (Noto Sans CJK SC first, Debian's
``fonts-noto-cjk``), never downloaded. Without matplotlib, or without a CJK font, there are
no charts and :func:`charts` says why.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from typing import Any, Final

import attrs

__all__ = ["Chart", "Unavailable", "cjk_font", "draw"]

_PREFERRED: Final = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "AR PL UKai CN",
)
_PROBE: Final = "政府信息公开"


class Unavailable(Exception):
    """The charts cannot be drawn here; the message says why, in Chinese, for the page."""


@attrs.frozen
class Chart:
    title: str
    svg: str


@attrs.frozen
class Bars:
    """A bar chart: categories, and one series of values per legend label (stacked)."""

    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]
    horizontal: bool = False
    colors: Sequence[str] = ()
    stacked: bool = True
    """Stacked bars (parts of one whole), or side by side (``False``)."""


@functools.cache
def cjk_font() -> str:
    """The family name of a font on this machine that draws Chinese text."""
    try:
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font
    except ImportError as exc:  # pragma: no cover - checked by draw()
        raise Unavailable("未安装 matplotlib") from exc

    def covers(path: str) -> bool:
        try:
            charmap = FT2Font(path).get_charmap()
        except (OSError, RuntimeError, ValueError):
            return False
        return all(ord(c) in charmap for c in _PROBE)

    fonts = font_manager.fontManager.ttflist
    by_name: dict[str, list[str]] = {}
    for entry in fonts:
        by_name.setdefault(entry.name, []).append(entry.fname)
    for name in _PREFERRED:
        if any(covers(path) for path in by_name.get(name, ())):
            return name
    for name, paths in sorted(by_name.items()):
        if any(covers(path) for path in paths):
            return name
    raise Unavailable("本机未找到可显示中文的字体（Debian：apt-get install fonts-noto-cjk）")


def draw(charts: Sequence[Bars]) -> list[Chart]:
    """Each chart as an SVG document (without the XML declaration, to inline in HTML)."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise Unavailable(
            "未安装 matplotlib，本页不含图表（安装：pip install 'govinfo[audit]'）"
        ) from exc
    font = cjk_font()
    drawn = []
    style: Any = {
        "font.family": [font],
        "svg.fonttype": "path",
        "svg.hashsalt": "govinfo-audit",  # the same ids in the SVG on every run
        "axes.unicode_minus": False,
        "font.size": 10,
    }
    with matplotlib.rc_context(style):
        for chart in charts:
            drawn.append(Chart(chart.title, _bars(plt, chart)))
    return drawn


_COLORS: Final = ("#c0392b", "#e67e22", "#7f8c8d", "#2e86c1", "#27ae60", "#8e44ad")


def _bars(plt: Any, chart: Bars) -> str:
    count = max(1, len(chart.categories))
    if chart.horizontal:
        size = (8.0, max(2.2, 0.32 * count + 1.2))
    else:
        size = (max(5.0, 0.7 * count + 2.0), 3.4)
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    try:
        positions = list(range(len(chart.categories)))
        base = [0.0] * len(chart.categories)
        colors = chart.colors or _COLORS
        width = 0.7 if chart.stacked else 0.8 / max(1, len(chart.series))
        for index, (label, values) in enumerate(chart.series):
            color = colors[index % len(colors)]
            if chart.stacked:
                at: list[float] = list(positions)
            else:
                at = [p + (index - (len(chart.series) - 1) / 2) * width for p in positions]
            if chart.horizontal:
                ax.barh(at, values, left=base, label=label, color=color, height=width)
            else:
                ax.bar(at, values, bottom=base, label=label, color=color, width=width)
            if chart.stacked:
                base = [b + v for b, v in zip(base, values, strict=True)]
        if chart.horizontal:
            ax.set_yticks(positions, list(chart.categories))
            ax.invert_yaxis()
            ax.xaxis.get_major_locator().set_params(integer=True)
        else:
            ax.set_xticks(positions, list(chart.categories))
            ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_title(chart.title)
        ax.spines[["top", "right"]].set_visible(False)
        if len(chart.series) > 1:
            fig.legend(loc="outside lower center", ncol=len(chart.series), frameon=False)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]
