"""Build a report in Python, check it, and print the findings.

Run it with ``python examples/build_report.py``. It fills in a blank report the way a script
that collects an office's numbers would, forgets one row on purpose, and shows what the
checks say; then it corrects the row and writes the report as JSON.
"""

from __future__ import annotations

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import govinfo
from govinfo import ApplicantCounts, CaseOutcomes, Part

report = govinfo.blank_report("示例县自然资源局", 2024)

# Whole tables or rows can be given as objects; totals are computed when left out.
report = report.replace(
    overview=(
        Part(heading="（一）主动公开", paragraphs=("全年主动公开政府信息326条。",)),
        Part(heading="（二）依申请公开", paragraphs=("全年共受理政府信息公开申请12件。",)),
    ),
    problems=(
        Part(heading="（一）存在的主要问题", paragraphs=("政策解读形式还不够丰富。",)),
        Part(heading="（二）改进情况", paragraphs=("下一步将增加图解、视频等解读形式。",)),
    ),
    other_matters=(Part(paragraphs=("本年度未收取信息处理费。",)),),
)

# Single cells are set by their attribute path; totals that depend on them follow.
report = govinfo.update(
    report,
    {
        "proactive.licensing": 214,
        "proactive.fees": Decimal("3.6"),
        "requests.received.natural_person": 10,
        "requests.received.commercial_enterprise": 2,
        "requests.outcomes.disclosed.natural_person": 6,
        "requests.outcomes.disclosed.commercial_enterprise": 2,
        "requests.outcomes.unavailable.not_held.natural_person": 3,
        # One natural person's request is still open: requests.carried_forward is forgotten.
    },
)
report = report.replace(
    review_litigation=govinfo.ReviewLitigation(review=CaseOutcomes(upheld=1, pending=1))
)

findings = govinfo.check(report)
for finding in findings:
    print(f"{finding.severity.value:8} {finding.rule:18} {finding.message}")

# The balance check caught the forgotten row. Correct it and check again.
report = govinfo.update(report, {"requests.carried_forward": ApplicantCounts(natural_person=1)})
remaining = govinfo.validate(report)  # raises govinfo.ValidationError if any error is left
print(f"after the correction: {len(remaining)} finding(s)")

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "report.json"
govinfo.dump(report, target)
print(f"wrote {target}")
