"""`benchmarks/run startup`: wall time of `keyhound scan EMPTY_DIR` (start-up included) and
the size of the stripped binary.

hyperfine -N (no shell) when present, else a Python loop; RUNS runs (default 50) after
5 warm-ups, per round. Also `keyhound version` (process start without rules) and, when
installed, the peers on the same empty folder. The size: the release binary as built
(`--static-swift-stdlib`) and a copy stripped with `strip` (what a release ships), beside the
peers' binaries as installed.
Targets: start-up <= 5 ms (issue 15; 10 ms in issue 2); stripped binary <= 25 MB (issue 14).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import (MB, sink, Report, build, die, header, hyperfine, hyperfine_times, loop_times, median,
                    ms, peer_binary, percentile, rounds, run, target_mark)

SIZE_TARGET = 25 * MB


def times_of(argv: list[str], runs: int, cwd: Path) -> tuple[list[float], str]:
    got = hyperfine_times(" ".join(shlex.quote(a) for a in argv), runs, warmup=5, cwd=cwd)
    if got is not None:
        return got, "hyperfine -N"
    return loop_times(argv, runs, warmup=5, cwd=cwd), "python loop"


def stripped_size(binary: Path) -> int:
    """Bytes of a copy of `binary` with its symbols stripped (`strip`, else `llvm-strip`)."""
    tool = shutil.which("strip") or shutil.which("llvm-strip")
    if tool is None:
        die("neither strip (binutils) nor llvm-strip is installed: cannot measure the stripped size")
    with tempfile.TemporaryDirectory(prefix="keyhound-strip-") as folder:
        copy = Path(folder) / binary.name
        shutil.copy2(binary, copy)
        done = subprocess.run([tool, str(copy)], capture_output=True, text=True)
        if done.returncode != 0:
            die(f"{tool} {copy} failed: {done.stderr.strip()}")
        return copy.stat().st_size


def size_section(report: Report, binary: Path) -> None:
    """The binary's size as built and stripped, the peers' for scale, and the verdict."""
    built = binary.stat().st_size
    stripped = stripped_size(binary)
    label = f"keyhound (KEYHOUND={binary})" if os.environ.get("KEYHOUND") else "keyhound (release, static stdlib)"
    rows = [[label, f"{built / MB:.1f}", f"{stripped / MB:.1f}"]]
    for name in ("gitleaks", "kingfisher"):
        peer = peer_binary(name)
        if peer:
            rows.append([f"{name} (as installed)", f"{peer.stat().st_size / MB:.1f}", ""])
    report.say("## binary size   (MB = 1,000,000 bytes)")
    report.table(["binary", "size MB", "stripped MB"], rows)
    report.say("")
    report.say(f"verdict: stripped binary {stripped / MB:.1f} MB ({stripped} bytes); target <= 25 MB: "
               f"{target_mark(stripped <= SIZE_TARGET)}")


def main(_args: list[str]) -> None:
    binary = build()
    report = Report("startup")
    header(report, "start-up: keyhound scan of an empty folder; binary size")
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
        report.say(f"verdict: median of the best round {best * 1000:.1f} ms; target <= 5 ms: "
                   f"{target_mark(best <= 0.005)}")
    report.say("")
    size_section(report, binary)
    report.save()
