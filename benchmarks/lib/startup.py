"""`benchmarks/run startup`: wall time of `keyhound scan EMPTY_DIR` (start-up included).

hyperfine -N (no shell) when present, else a Python loop; RUNS runs (default 50) after
5 warm-ups, per round. Also `keyhound version` (process start without rules) and, when
installed, the peers on the same empty folder.
Target (issue 2): <= 10 ms.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

from common import (sink, Report, build, header, hyperfine, hyperfine_times, loop_times, median, ms,
                    peer_binary, percentile, rounds, run, target_mark)


def times_of(argv: list[str], runs: int, cwd: Path) -> tuple[list[float], str]:
    got = hyperfine_times(" ".join(shlex.quote(a) for a in argv), runs, warmup=5, cwd=cwd)
    if got is not None:
        return got, "hyperfine -N"
    return loop_times(argv, runs, warmup=5, cwd=cwd), "python loop"


def main(_args: list[str]) -> None:
    binary = build()
    report = Report("startup")
    header(report, "start-up: keyhound scan of an empty folder")
    runs = int(os.environ.get("RUNS", "50"))
    with tempfile.TemporaryDirectory(prefix="keyhound-empty-") as empty_dir:
        empty = Path(empty_dir)
        commands = [
            ("keyhound scan EMPTY", [str(binary), "scan", str(empty), "--no-progress"]),
            ("keyhound scan EMPTY -f jsonl", [str(binary), "scan", str(empty), "--no-progress", "-f", "jsonl"]),
            ("keyhound version", [str(binary), "version"]),
        ]
        peers = []
        gitleaks = peer_binary("gitleaks")
        if gitleaks:
            peers.append(("gitleaks dir EMPTY", [str(gitleaks), "dir", str(empty), "--no-banner",
                                                 "-f", "json", "--report-path", sink(), "-l", "error"]))
        kingfisher = peer_binary("kingfisher")
        if kingfisher:
            peers.append(("kingfisher scan EMPTY", [str(kingfisher), "scan", str(empty),
                                                    "--no-validate", "--no-update-check",
                                                    "-f", "json", "-o", sink()]))
        verdict = []
        for number in range(rounds()):
            report.say(f"## round {number + 1}   (load average "
                       + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
            rows = []
            for label, argv in commands + peers:
                count = runs if not label.startswith(("gitleaks", "kingfisher")) else max(5, runs // 5)
                times, how = times_of(argv, count, empty)
                cpu = run(argv, cwd=empty)
                rows.append([label, str(len(times)), ms(min(times)), ms(median(times)),
                             ms(percentile(times, 95)), ms(cpu.cpu), f"{cpu.rss_kb / 1024:.1f}", how])
                if label == "keyhound scan EMPTY":
                    verdict.append(median(times))
            report.table(["command", "runs", "min ms", "median ms", "p95 ms", "CPU ms (1 run)",
                          "peak RSS MB", "timer"], rows)
            report.say("")
        best = min(verdict)
        report.say(f"verdict: median of the best round {best * 1000:.1f} ms; target <= 10 ms: "
                   f"{target_mark(best <= 0.010)}")
    report.save()
