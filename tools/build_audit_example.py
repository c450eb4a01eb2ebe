"""Write the worked example of ``docs/audit.md``: a district's reports over two years.

``examples/audit/`` holds the reports of 示例区 (the district government and four units) for
2023 and 2024 in mixed formats — JSON, Word, a web page and a text copy (the last two
converted from the Word files by LibreOffice, as offices publish them) — with the problems an
audit should find planted in them, a units list, and a file that is not a report. Run
``python tools/build_audit_example.py`` to write it again (LibreOffice is needed).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import govinfo
from govinfo import Part, Report, Signature, aggregate, blank_report, update
from govinfo.read._blocks import Table
from govinfo.read._sources import docx_blocks
from govinfo.render import render_bytes
from govinfo.render._pdf import find_soffice

OUT = Path(__file__).resolve().parent.parent / "examples" / "audit"

PARENT = "示例区人民政府"
UNITS = {
    # key: (name in 2023, name in 2024, level)
    "east": ("示例区东城街道", "示例区东城街道办事处", "街道"),
    "west": ("示例区西城街道办事处", "示例区西城街道办事处", "街道"),
    "lake": ("示例区南湖镇人民政府", "示例区南湖镇人民政府", "乡镇"),
    "hill": ("示例区北山乡人民政府", "示例区北山乡人民政府", "乡镇"),
}

_SENTENCES = (
    "{organ}坚持以公开为常态、不公开为例外，围绕中心工作深化政务公开。",
    "全年通过门户网站和政务新媒体主动公开政府信息{a}条，其中政策文件{b}条。",
    "在便民服务中心设置政府信息公开查阅点，方便群众就近查阅。",
    "开设乡村振兴、民生实事等专题专栏{b}个，集中发布重点领域信息。",
    "严格落实公开前保密审查制度，审查拟公开信息{a}余条，未发生泄密事件。",
    "动态更新政府信息公开指南和主动公开目录，规范公开内容和流程。",
    "推行政策文件与解读材料同步起草、同步审签、同步发布。",
    "组织政务公开业务培训{b}期，参训干部{a}人次，业务能力不断提升。",
    "将政务公开纳入年度绩效考核，开展季度网站检查，及时整改发现的问题。",
    "依申请公开严格按照法定时限答复，答复文书说理充分、告知完整。",
    "围绕营商环境、社会救助等群众关注领域，发布图解、问答等解读材料{b}篇。",
    "畅通意见建议渠道，对群众留言做到件件有回复、事事有着落。",
    "加强社区公开栏建设，定期更新惠民政策、办事指南等信息。",
    "建立信息发布协调机制，确保发布内容准确一致、及时权威。",
)
_PROBLEMS = (
    "政策解读形式较为单一，图解、视频等解读占比不高。",
    "基层政务公开标准化规范化水平有待提升，部分栏目更新不够及时。",
    "依申请公开答复的说理还不够充分，工作人员业务能力有待加强。",
    "主动公开内容与群众需求的契合度还需提高，互动回应不够及时。",
    "下一步将丰富解读形式，提高多样化解读比例，提升政策知晓度。",
    "下一步将加强栏目巡查，建立信息更新台账，做到及时更新。",
    "下一步将开展专题培训，规范答复文书，提高依申请公开办理质量。",
    "下一步将加强与群众互动，及时回应社会关切。",
)


def _text(organ: str, year: int, seed: int, numbers: int | None = None) -> dict[str, Any]:
    """Sentences chosen by ``seed``, with numbers drawn from ``numbers`` (default ``seed``)."""
    rng = random.Random(seed)
    draw = random.Random(seed if numbers is None else numbers)

    def pick(pool: tuple[str, ...]) -> list[str]:
        # Odd and even years draw from different halves: each year's text is new.
        half = [s for i, s in enumerate(pool) if i % 2 == year % 2]
        return [
            s.format(organ=organ, a=draw.randint(100, 5000), b=draw.randint(2, 60))
            for s in rng.sample(half, len(half))
        ]

    body = pick(_SENTENCES)
    problems = pick(_PROBLEMS)
    return {
        "preamble": (
            f"本报告根据《中华人民共和国政府信息公开条例》编制。报告中所列数据统计期限为"
            f"{year}年1月1日至{year}年12月31日。",
        ),
        "overview": (
            Part(paragraphs=("".join(body[:1]),)),
            Part(heading="（一）主动公开", paragraphs=("".join(body[1:4]),)),
            Part(heading="（二）依申请公开", paragraphs=("".join(body[4:5]),)),
            Part(heading="（三）政府信息管理", paragraphs=("".join(body[5:6]),)),
            Part(heading="（四）政府信息公开平台建设", paragraphs=("".join(body[6:7]),)),
        ),
        "problems": (
            Part(heading="（一）存在的主要问题", paragraphs=("".join(problems[:2]),)),
            Part(heading="（二）改进情况", paragraphs=("".join(problems[2:]),)),
        ),
        "other_matters": (
            Part(heading="（一）收取信息处理费情况", paragraphs=("本年度未收取信息处理费。",)),
            Part(
                heading="（二）落实上级年度政务公开工作要点情况",
                paragraphs=(f"按照上级年度政务公开工作要点，{organ}各项任务均已按期完成。",),
            ),
        ),
    }


def _report(organ: str, year: int, seed: int, carried_over: int, in_force: int) -> Report:
    rng = random.Random(seed)
    received = rng.randint(5, 40)
    legal = rng.randint(0, 6)
    carried_forward = rng.randint(0, 3)
    handled = received + carried_over - carried_forward
    partly = rng.randint(0, handled // 4)
    not_held = rng.randint(0, handled // 4)
    disclosed = handled - partly - not_held
    review = rng.randint(0, 3)
    corrected = rng.randint(0, review)
    cells = {
        "requests.received.natural_person": received,
        "requests.received.commercial_enterprise": legal,
        "requests.carried_over.natural_person": carried_over,
        "requests.outcomes.disclosed.natural_person": disclosed,
        "requests.outcomes.disclosed.commercial_enterprise": legal,
        "requests.outcomes.partly_disclosed.natural_person": partly,
        "requests.outcomes.unavailable.not_held.natural_person": not_held,
        "requests.carried_forward.natural_person": carried_forward,
        "review_litigation.review.upheld": review - corrected,
        "review_litigation.review.corrected": corrected,
        "proactive.rules.in_force": 0,
        "proactive.normative_documents.issued": rng.randint(1, 9),
        "proactive.licensing": rng.randint(50, 900),
        "proactive.fees": Decimal(rng.randint(0, 500)) / 10,
    }
    cells["proactive.normative_documents.in_force"] = (
        in_force + cells["proactive.normative_documents.issued"]
    )
    report = update(blank_report(organ, year), cells)
    published = dt.date(year + 1, 1, 20 + seed % 8)
    return report.replace(
        published=published,
        signature=Signature(organ=organ, date=published),
        **_text(organ, year, seed),
    )


def _convert(docx: bytes, target: Path, fmt: str) -> None:
    soffice = find_soffice()
    if soffice is None:
        raise SystemExit("LibreOffice is needed to write the web page and the text copy")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (target.stem + ".docx")
        source.write_bytes(docx)
        filters = {"html": "html:HTML (StarWriter)"}
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                filters[fmt],
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(tmp) / f"{target.stem}.{fmt}", target)


def _text_copy(docx: bytes) -> str:
    """The document as text copied out of Word: a line per paragraph, a table row per line
    with its cells separated by tabs (a merged cell's continuations empty)."""
    blocks, _ = docx_blocks(docx)
    lines = []
    for block in blocks:
        if isinstance(block, Table):
            lines += ["\t".join(c.text if c.origin else "" for c in row) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _write(report: Report, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".json":
        govinfo.dump(report, target)
        return
    docx = render_bytes(report)
    if target.suffix == ".docx":
        target.write_bytes(docx)
    elif target.suffix == ".txt":
        target.write_text(_text_copy(docx), "utf-8")
    else:
        _convert(docx, target, target.suffix[1:])
    print(f"wrote {target}")


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    reports: dict[tuple[str, int], Report] = {}
    carried = dict.fromkeys([*UNITS, "parent"], 0)
    in_force = dict.fromkeys([*UNITS, "parent"], 10)
    for year in (2023, 2024):
        for index, (key, (name23, name24, _)) in enumerate(UNITS.items()):
            organ = name23 if year == 2023 else name24
            report = _report(organ, year, year * 10 + index, carried[key], in_force[key])
            carried[key] = report.requests.carried_forward.natural_person or 0
            in_force[key] = report.proactive.normative_documents.in_force or 0  # type: ignore[union-attr]
            reports[(key, year)] = report
        # The district: the sum of its units' tables, with its own text and section 二.
        summed = aggregate([reports[(key, year)] for key in UNITS], organ=PARENT, year=year)
        parent = _report(PARENT, year, year, 0, in_force["parent"])
        in_force["parent"] = parent.proactive.normative_documents.in_force or 0  # type: ignore[union-attr]
        reports[("parent", year)] = parent.replace(
            requests=summed.requests, review_litigation=summed.review_litigation
        )

    # Planted: 东城 2024 carries over 2 more than it carried forward in 2023 (YOY-CARRY).
    east = reports[("east", 2024)]
    reports[("east", 2024)] = update(
        east,
        {
            "requests.carried_over.natural_person": east.requests.carried_over.natural_person + 2,
            "requests.outcomes.disclosed.natural_person": (
                east.requests.outcomes.disclosed.natural_person + 2
            ),
        },
    )
    # Planted: 西城 2024 copies its 2023 text with this year's numbers (REPEAT-TEXT).
    west23, west24 = reports[("west", 2023)], reports[("west", 2024)]
    copied = _text(west24.organ, 2023, 2023 * 10 + 1, numbers=2024 * 10 + 1)
    reports[("west", 2024)] = west24.replace(
        overview=copied["overview"], problems=copied["problems"]
    )
    assert west23.overview != reports[("west", 2024)].overview
    # Planted: 南湖镇 2024 prints a 总计 that is not the sum of its row (S3-ROW-TOTAL).
    lake = reports[("lake", 2024)]
    reports[("lake", 2024)] = update(
        lake,
        {"requests.received.total": lake.requests.received.total + 3},
        recompute_totals=False,
    )
    # Planted: the district's 2023 table moves 2 requests from 予以公开 to 无法提供, the
    # balance kept (CONSOLIDATION: its units do not add up to it).
    parent = reports[("parent", 2023)]
    reports[("parent", 2023)] = update(
        parent,
        {
            "requests.outcomes.disclosed.natural_person": (
                parent.requests.outcomes.disclosed.natural_person - 2
            ),
            "requests.outcomes.unavailable.not_held.natural_person": (
                parent.requests.outcomes.unavailable.not_held.natural_person + 2
            ),
        },
    )

    files = {
        ("parent", 2023): "2023/示例区人民政府.json",
        ("east", 2023): "2023/东城街道.docx",
        ("west", 2023): "2023/西城街道.html",
        ("lake", 2023): "2023/南湖镇.txt",
        ("hill", 2023): "2023/北山乡.json",
        ("parent", 2024): "2024/示例区人民政府.docx",
        ("east", 2024): "2024/东城街道.html",
        ("west", 2024): "2024/西城街道.txt",
        ("lake", 2024): "2024/南湖镇.json",
        # 北山乡 2024: not published (AUDIT-MISSING).
    }
    for key, name in files.items():
        _write(reports[key], OUT / name)
    # A file in the folder that is not a report (READ-FAILED).
    (OUT / "2024" / "通知.txt").write_text("关于报送年度报告的通知\n请各单位按时报送。\n", "utf-8")
    lines = ["organ,parent,level", f"{PARENT},,区"]
    lines += [f"{name24},{PARENT},{level}" for _, name24, level in UNITS.values()]
    (OUT / "units.csv").write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
