"""`benchmarks/run findings`: peak RSS and wall time of one scan with ~470,000 findings, per format.

The input (issue 12 §4) is one file just under keyhound's default size limit (10 MiB) made of
fake AWS access key ids, assembled here at run time from a seeded generator (`AKIA` + 16
characters of the base32 alphabet AWS uses), so no key id is written in this repository:
  * `one-per-line`: 470,000 key ids, one per line (9.9 MB);
  * `several-per-line`: the same count, eight to a line separated by spaces (every context
    line holds eight secrets, so the shared context storage and redaction are exercised).
Both live in a temporary folder, removed at the end.

Measured (RUNS runs per cell, default 1; ROUNDS rounds, default 2): `keyhound scan FILE
--no-progress -f FORMAT -o TMP` for every `--format` (text, json, jsonl, sarif, github,
gitleaks), peak RSS from `/usr/bin/time -f %M`, wall from spawn to exit, and the number of
findings the report holds (the count must not change with the format).
Target (issue 12 §4): peak RSS <= 300 MB in every format.

`FINDINGS_COUNT=N` changes the number of key ids; `FINDINGS_LAYOUTS=one-per-line` measures one
layout only; `benchmarks/run findings --write DIR` only writes the inputs to DIR (for profiling).
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from common import MB, Report, build, die, header, rounds, run, target_mark

FORMATS = ["text", "json", "jsonl", "sarif", "github", "gitleaks"]
LAYOUTS = {"one-per-line": 1, "several-per-line": 8}
DEFAULT_COUNT = 470_000
TARGET_MB = 300
# AWS's key-id alphabet (base32: A-Z and 2-7); the prefix is split so this file holds no
# string that looks like a key id's start followed by its body.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
PREFIX = "AK" + "IA"


def key_ids(count: int, seed: int = 20261207) -> list[str]:
    """`count` distinct fake key ids, the same for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        body = "".join(rng.choice(ALPHABET) for _ in range(16))
        if body not in seen:
            seen.add(body)
            out.append(PREFIX + body)
    return out


def write_input(path: Path, ids: list[str], per_line: int) -> int:
    """Writes the ids, `per_line` to a line; returns the file's size."""
    with open(path, "w") as handle:
        for start in range(0, len(ids), per_line):
            handle.write(" ".join(ids[start:start + per_line]) + "\n")
    return path.stat().st_size


def findings_in(report: Path, fmt: str) -> int:
    """How many findings a report holds, counted without parsing it whole (the JSON documents
    are large): one marker per finding in each format."""
    marker = {
        "text": b"\n    fingerprint ",
        "json": b'\n      "rule": ',
        "jsonl": b'{"rule":',
        "sarif": b'\n          "ruleId": ',
        "github": b"\n::",
        "gitleaks": b'\n    "RuleID": ',
    }[fmt]
    data = report.read_bytes()
    count = data.count(marker)
    if fmt == "github" and data.startswith(b"::"):
        count += 1
    return count


def main(args: list[str]) -> None:
    count = int(os.environ.get("FINDINGS_COUNT", str(DEFAULT_COUNT)))
    layouts = [name for name in os.environ.get("FINDINGS_LAYOUTS", ",".join(LAYOUTS)).split(",") if name]
    for name in layouts:
        if name not in LAYOUTS:
            die(f"unknown layout {name!r} (known: {', '.join(LAYOUTS)})")
    ids = key_ids(count)
    if args[:1] == ["--write"]:
        if len(args) != 2:
            die("usage: benchmarks/run findings --write DIR")
        folder = Path(args[1])
        folder.mkdir(parents=True, exist_ok=True)
        for name in layouts:
            size = write_input(folder / f"{name}.txt", ids, LAYOUTS[name])
            print(f"{folder / (name + '.txt')}: {size / MB:.2f} MB")
        return
    binary = build()
    report = Report("findings")
    header(report, "findings: peak RSS of one scan with ~470,000 findings, per format")
    scratch = Path(tempfile.mkdtemp(prefix="keyhound-bench-findings-"))
    try:
        inputs = {}
        for name in layouts:
            path = scratch / f"{name}.txt"
            inputs[name] = (path, write_input(path, ids, LAYOUTS[name]))
        report.say("inputs: " + "; ".join(
            f"{name}: {count} fake AWS key ids, {LAYOUTS[name]} per line, {size / MB:.2f} MB"
            for name, (_, size) in inputs.items()))
        report.say("")
        runs = int(os.environ.get("RUNS", "1"))
        worst = 0.0
        for number in range(rounds()):
            report.say(f"## round {number + 1}   (load average "
                       + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
            rows = []
            for fmt in FORMATS:
                row = [fmt]
                for name, (path, _) in inputs.items():
                    out = scratch / f"report.{fmt}"
                    samples = []
                    for _ in range(runs):
                        sample = run([str(binary), "scan", str(path), "--no-progress", "-f", fmt,
                                      "-o", str(out)])
                        if sample.status not in (0, 1):
                            die(f"keyhound scan -f {fmt} {name} exited {sample.status}")
                        samples.append(sample)
                    found = findings_in(out, fmt)
                    out.unlink()
                    peak = max(s.rss_kb for s in samples) / 1024
                    worst = max(worst, peak)
                    row += [f"{peak:.0f}", f"{min(s.wall for s in samples):.2f}", str(found)]
                rows.append(row)
            head = ["format"]
            for name in inputs:
                head += [f"{name}: peak RSS MB", "wall s", "findings"]
            report.table(head, rows)
            report.say("")
        report.say(f"verdict: worst peak RSS {worst:.0f} MB; target <= {TARGET_MB} MB in every format: "
                   f"{target_mark(worst <= TARGET_MB)}")
        report.save()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
