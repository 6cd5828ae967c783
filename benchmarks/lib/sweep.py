"""`benchmarks/run sweep`: keyhound sweep over generated repositories (and the history
benchmark's repository when it has been built).

Prints repositories/minute, MB/s of unique blob bytes, the per-repository overhead of the sweep
beyond each repository's own history scan (target <= 50 ms), the sweep's own peak RSS (target
<= 200 MB whatever the number of repositories) and the time of a second --since-last sweep with
nothing new (target <= 2 % of the first).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import (CORPUS, MB, Report, build, die, header, median, rounds, run, summary_of,
                    target_mark)

REPOS = CORPUS / "sweep"
COUNT = int(os.environ.get("SWEEP_REPOS", "50"))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _fast_import(repo: Path, commits: int, files: int, size: int, rng: random.Random) -> None:
    """A bare repository of `commits` commits over `files` text files of about `size` bytes,
    with a fake AWS key id planted now and then, written by git fast-import."""
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    stream = bytearray()
    for number in range(commits):
        stream += b"commit refs/heads/main\n"
        stream += f"committer Bench <bench@example.com> {1_700_000_000 + number * 3600} +0000\n".encode()
        message = f"change {number}".encode()
        stream += b"data %d\n%s\n" % (len(message), message)
        for _ in range(max(1, files // 4) if number else files):
            path = f"src/m{rng.randrange(files)}.py"
            body = "".join(f"value_{rng.randrange(10**6)} = {rng.randrange(10**9)}\n"
                           for _ in range(max(1, size // 28)))
            if rng.random() < 0.05:
                body += 'KEY = "AK' + "IA" + "".join(rng.choice(ALPHABET) for _ in range(16)) + '"\n'
            data = body.encode()
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)
    subprocess.run(["git", "--git-dir", str(repo), "fast-import", "--quiet"], input=bytes(stream), check=True)


def ensure_repos(report: Report) -> list[Path]:
    marker = REPOS / f"complete-{COUNT}"
    if not marker.exists():
        shutil.rmtree(REPOS, ignore_errors=True)
        REPOS.mkdir(parents=True)
        rng = random.Random(13)
        for index in range(COUNT):
            # Mixed sizes: mostly small services, a few large ones.
            kind = index % 10
            commits, files, size = ((200, 120, 2000) if kind == 0 else
                                    (60, 60, 1500) if kind < 4 else (15, 20, 800))
            _fast_import(REPOS / f"repo-{index:03}.git", commits, files, size, rng)
        marker.write_text("ok\n")
    repos = sorted(REPOS.glob("repo-*.git"))
    history = CORPUS / "history.git"
    if (history / "keyhound-bench-complete").exists() and os.environ.get("SWEEP_WITH_HISTORY", "1") == "1":
        repos.append(history)
        report.say(f"including the history benchmark's repository ({history.name})")
    else:
        report.say("the history benchmark's repository is not built (benchmarks/run history builds it); "
                   "generated repositories only")
    return repos


def html_render(binary: Path, work: Path, report: Report) -> None:
    """`report html` of a 10,000-finding report, and the page loaded in headless Chromium
    (target: rendered in under 2 s; the time includes the browser's start-up)."""
    chromium = shutil.which("chromium")
    lines = []
    for index in range(10_000):
        lines.append(json.dumps({
            "rule": f"rule-{index % 40}", "description": "generated", "path": f"src/file{index % 700}.py",
            "line": index % 300 + 1, "column": 5, "end_line": index % 300 + 1, "end_column": 25,
            "fingerprint": "sha256:" + f"{index:064x}", "identity": "", "confidence": "high",
            "severity": ["low", "medium", "high", "critical"][index % 4], "redacted": "abcd…(20)",
            "context": "KEY = …", "tags": [], "provenance": "history",
            "commit": {"id": f"{index:040x}", "author": "Bench", "email": "b@example.com",
                       "date": f"20{15 + index % 10}-0{1 + index % 9}-01T00:00:00Z", "summary": "x"},
            "locations": [], "key": None, "registered": False, "notes": [],
            "repository": {"name": f"repo-{index % 120}", "location": f"https://github.com/acme/repo-{index % 120}.git"},
            "also_in": 0}))
    lines.append(json.dumps({"summary": {"findings": 10_000, "errors": [], "seconds": 1.0}}))
    source = work / "big.jsonl"
    source.write_text("\n".join(lines) + "\n")
    page = work / "big.html"
    write = run([str(binary), "report", "html", str(source), "-o", str(page)])
    rows = [["report html, 10,000 findings (s)", f"{write.wall:.2f}", f"{page.stat().st_size / MB:.1f} MB page"]]
    if chromium:
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={work / 'chromium'}"]
        blank = run(args + ["--dump-dom", "about:blank"])
        load = run(args + ["--dump-dom", page.as_uri()])
        rows.append(["chromium --dump-dom of the page (s)", f"{load.wall:.2f}",
                     f"about:blank alone {blank.wall:.2f} s; page {load.wall - blank.wall:.2f} s beyond it; "
                     f"target < 2: {target_mark(load.wall - blank.wall < 2)}"])
    else:
        report.say("chromium is not installed: the page's load time is not measured")
    report.table(["measure", "value", "note"], rows)


def main(_args: list[str]) -> None:
    binary = build()
    report = Report("sweep")
    header(report, "organisation sweep: keyhound sweep --repos FILE")
    repos = ensure_repos(report)
    work = Path(tempfile.mkdtemp(prefix="keyhound-bench-sweep-"))
    try:
        listing = work / "repos.txt"
        listing.write_text("".join(f"{repo}\n" for repo in repos))
        report.say(f"{len(repos)} repositories")
        for number in range(rounds()):
            report.say(f"## round {number + 1}   (load average "
                       + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
            out = work / "sweep.jsonl"
            sweep = run([str(binary), "sweep", "--repos", str(listing), "--no-progress", "-f", "jsonl",
                         "-o", str(out)], own_rss=True)
            if sweep.status not in (0, 1):
                die(f"keyhound sweep exited {sweep.status}")
            summary = summary_of(out.read_bytes())
            scanned = summary.get("bytes_scanned", 0)
            # Each repository's own history scan, as `scan --history` reports its time.
            alone = 0.0
            for repo in repos:
                one = work / "one.jsonl"
                sample = run([str(binary), "scan", "--history", str(repo), "--no-progress", "-f", "jsonl",
                              "-o", str(one)])
                if sample.status not in (0, 1):
                    die(f"keyhound scan --history {repo} exited {sample.status}")
                alone += summary_of(one.read_bytes()).get("seconds", 0.0)
            overhead = (sweep.wall - alone) / len(repos)
            state = work / "state"
            shutil.rmtree(state, ignore_errors=True)
            first = run([str(binary), "sweep", "--repos", str(listing), "--no-progress", "--state", str(state),
                         "--since-last", "-f", "jsonl", "-o", str(out)])
            second = run([str(binary), "sweep", "--repos", str(listing), "--no-progress", "--state",
                          str(state), "--since-last", "-f", "jsonl", "-o", str(out)])
            ratio = second.wall / first.wall if first.wall else 0
            rows = [
                ["sweep wall (s)", f"{sweep.wall:.2f}", ""],
                ["repositories / minute", f"{len(repos) / sweep.wall * 60:.0f}", ""],
                ["MB/s of unique blob bytes", f"{scanned / MB / sweep.wall:.1f}", f"({scanned / MB:.1f} MB)"],
                ["per-repository overhead (ms)", f"{overhead * 1000:.1f}",
                 f"target <= 50: {target_mark(overhead <= 0.05)}"],
                ["peak RSS of the sweep (MB)", f"{sweep.rss_kb / 1024:.0f}",
                 f"target <= 200: {target_mark(sweep.rss_kb / 1024 <= 200)}"],
                ["first --since-last sweep (s)", f"{first.wall:.2f}", ""],
                ["second, nothing new (s)", f"{second.wall:.3f}",
                 f"{ratio * 100:.1f} % of the first; target <= 2 %: {target_mark(ratio <= 0.02)}"],
            ]
            report.table(["measure", "value", "note"], rows)
        html_render(binary, work, report)
        report.say("")
        report.say("per-repository overhead: (sweep wall - sum of each repository's `scan --history` "
                   "summary seconds) / repositories; peak RSS: the sweep process's own VmHWM (git children excluded).")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.save()
