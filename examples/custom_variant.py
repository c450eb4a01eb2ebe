"""A custom variant of the report: local sub-sections, a table of the office's own, local
wording in the Word template. Builds it, checks it, and renders it with the customised
template.

Run it with ``python examples/custom_variant.py [OUTDIR]``. It writes ``custom.json``,
``custom-template.docx`` and ``custom.docx`` into OUTDIR (a temporary directory by default).
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import govinfo
from govinfo import ExtraRow, ExtraTable, Part
from govinfo.render import check_template, default_template_bytes, render_docx

HERE = Path(__file__).resolve().parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="govinfo-"))
out.mkdir(parents=True, exist_ok=True)

# 1. The report: the national format, plus what the office adds locally.
report = govinfo.load(HERE / "complete-2024.json")
report = report.replace(
    # An extra sub-section in 六, as the province asks of its cities' reports.
    other_matters=(
        *report.other_matters,
        Part(
            heading="（五）政务公开专区建设情况",
            paragraphs=("在区政务服务中心和12个镇（街道）便民服务中心设立政务公开专区。",),
        ),
    ),
    # A table of the office's own, printed at the end of section 六.
    extras=(
        ExtraTable(
            title="（六）落实上级年度政务公开工作要点情况",
            section="other_matters",
            columns=("工作要点", "任务数", "已完成", "完成率（%）"),
            rows=(
                ExtraRow(label="深化重点领域信息公开", values=(12, 12, Decimal("100"))),
                ExtraRow(label="加强政策解读与回应关切", values=(8, 7, Decimal("87.5"))),
                ExtraRow(label="提升政务公开平台效能", values=(8, 8, Decimal("100"))),
            ),
        ),
    ),
)

# 2. Check it: the national tables are checked as always; the extra table is the office's own.
findings = govinfo.check(report)
print(f"findings: {len(findings)}")
for finding in findings:
    print(f"  {finding.severity.value} {finding.rule} {finding.message}")

# 3. Custom parts survive the JSON round trip.
govinfo.dump(report, out / "custom.json")
assert govinfo.load(out / "custom.json") == report

# 4. A customised template: the shipped one with a letterhead line and the local wording
#    “合计” for the format's “总计” row label. (In an office, the same edits are made by
#    opening `govinfo template --export custom-template.docx` in Word or WPS.)
with zipfile.ZipFile(io.BytesIO(default_template_bytes())) as shipped:
    parts = {info.filename: shipped.read(info) for info in shipped.infolist()}
document = parts["word/document.xml"].decode("utf-8")
letterhead = (
    '<w:p><w:pPr><w:pStyle w:val="GovHeading1"/><w:jc w:val="center"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">{{ organ }}</w:t></w:r></w:p>'
)
body = document.index("<w:body>") + len("<w:body>")
document = document[:body] + letterhead + document[body:]
document = document.replace(">（七）总计<", ">（七）合计<")
parts["word/document.xml"] = document.encode("utf-8")
template = out / "custom-template.docx"
with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, data in parts.items():
        archive.writestr(name, data)

problems = check_template(template)
print(f"template problems: {len(problems)}")
for problem in problems:
    print(f"  {problem.severity}: {problem}")

# 5. Render with it.
rendered = render_docx(report, out / "custom.docx", template)
print(f"wrote {rendered.path}")
