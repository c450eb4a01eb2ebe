"""What a crafted input costs: time and peak memory of each hostile input of the limits.

Each case runs in a fresh process (so that its peak memory is its own) and ends in the error
its limit gives, or in a result; the table shows the wall time and the peak resident memory
of the process, interpreter and imports included (the first row, an ordinary report read,
is the baseline). Run ``python benchmarks/bench_limits.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SETUP = """
import io, json, resource, sys, time, zipfile
import govinfo
from govinfo.read import read_bytes
from govinfo.render import default_template_bytes, render_bytes

def zipped(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()

def template(new):
    with zipfile.ZipFile(io.BytesIO(default_template_bytes())) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    document = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = document.replace("一、总体情况", new, 1).encode("utf-8")
    return zipped(members)

TITLE = "<h1>某某单位2023年政府信息公开工作年度报告</h1>"
report = govinfo.load(sys.argv[1] + "/examples/complete-2024.json")
"""

_RUN = """
started = time.perf_counter()
try:
    run()
    outcome = "read or rendered"
except govinfo.GovinfoError as exc:
    outcome = type(exc).__name__ + ": " + str(exc).split(": ")[-1][:72]
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""

CASES: dict[str, str] = {
    "baseline: a report's Word document read": (
        "data = render_bytes(report)\ndef run(): read_bytes(data, source='r.docx')"
    ),
    "Word: a zip bomb (33 MB part, 33 KB file)": (
        "data = zipped({'word/document.xml': b' ' * (33 << 20)})\n"
        "def run(): read_bytes(data, source='bomb.docx')"
    ),
    "Word: 200 rows of gridSpan 999": (
        "W = 'xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"'\n"
        "row = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"999\"/></w:tcPr><w:p/></w:tc></w:tr>'\n"
        "body = '<w:p><w:r><w:t>某某单位2023年政府信息公开工作年度报告</w:t></w:r></w:p>'"
        " + '<w:tbl>' + row * 200 + '</w:tbl>'\n"
        "data = zipped({'word/document.xml': f'<w:document {W}><w:body>{body}</w:body>"
        "</w:document>'.encode()})\n"
        "def run(): read_bytes(data, source='spans.docx')"
    ),
    "HTML: 300 cells of rowspan/colspan 1000 (13 KB)": (
        "cells = '<td rowspan=1000 colspan=1000>1</td>' * 300\n"
        "data = f'<html><body>{TITLE}<table><tr>{cells}</tr><tr><td>2</td></tr></table>"
        "</body></html>'.encode()\n"
        "def run(): read_bytes(data, source='spans.html')"
    ),
    "HTML: 990 nested divs (read)": (
        "data = f'<html><body>{TITLE}' + '<div>' * 990 + '<p>一、总体情况</p>' + '</div>' * 990"
        " + '</body></html>'\n"
        "data = data.encode()\n"
        "def run(): read_bytes(data, source='deep.html')"
    ),
    "HTML: 999,000 tags in one paragraph (16 MB)": (
        "data = (f'<html><body>{TITLE}<p>' + '<b>x</b>' * 499_000 + '</p></body></html>')"
        ".encode()\n"
        "def run(): read_bytes(data, source='tags.html')"
    ),
    "text: a 5,000-digit number in a table cell": (
        "lines = open(sys.argv[1] + '/examples/yulong-2023.txt', encoding='utf-8').read()"
        ".splitlines()\n"
        "row = next(i for i, l in enumerate(lines) if l.startswith('规章\\t'))\n"
        "lines[row] = '规章\\t' + '9' * 5000 + '\\t0\\t0'\n"
        "data = '\\n'.join(lines).encode()\n"
        "def run(): read_bytes(data, source='digits.txt')"
    ),
    "JSON: a 17-million-character paragraph": (
        "doc = json.loads(govinfo.dumps(report))\n"
        "doc['overview'][0]['paragraphs'][0] = 'x' * 17_000_000\n"
        "text = json.dumps(doc)\n"
        "def run(): govinfo.loads(text)"
    ),
    "template: {{ 'x' * 10**9 }}": (
        "path = '/tmp/govinfo-bench-template.docx'\n"
        "open(path, 'wb').write(template(\"{{ 'x' * 10**9 }}\"))\n"
        "def run(): render_bytes(report, template=path)"
    ),
    "template: nested range(100000) loops": (
        "path = '/tmp/govinfo-bench-loops.docx'\n"
        "open(path, 'wb').write(template('{% for i in range(100000) %}"
        "{% for j in range(100000) %}{% endfor %}{% endfor %}'))\n"
        "def run(): render_bytes(report, template=path)"
    ),
    "render: an organ name of 500 characters (the limit)": (
        "big = report.replace(organ='某' * 500)\ndef run(): render_bytes(big)"
    ),
}


def main() -> int:
    print(f"{'case':52} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, case in CASES.items():
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _SETUP + case + _RUN, str(ROOT)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"{name:52} failed after {time.perf_counter() - started:.1f} s: {done.stderr}")
            continue
        found = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{name:52} {found['seconds']:8.2f} {found['peak_mb']:8.0f}  {found['outcome']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
