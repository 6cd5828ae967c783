"""`benchmarks/run hook`: pre-commit hook latency.

Builds benchmarks/corpus/hook-repo once: a git repository whose single commit tracks
HOOK_FILES (default 16,000) files of the corpus (the first ones in sorted path order among
those under 64 KB, copied with their relative paths). Then stages a 3-file, 30-line change
(10 lines appended to each of two tracked source files, and a new 10-line file) and times
`keyhound scan --staged --no-progress` RUNS times (default 50) with hyperfine -N,
reporting p50/p95; `git diff --cached` alone for scale, and gitleaks
(`gitleaks git --pre-commit --staged`) and Kingfisher (`kingfisher scan . --staged`) on
the same change when they are installed.
Targets (issue 3): p50 <= 15 ms, p95 <= 30 ms.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from common import (sink, CORPUS, Report, build, die, header, hyperfine_times, loop_times, median, ms,
                    peer_binary, percentile, rounds, run, target_mark)
from corpus import ensure_corpus

REPO = CORPUS / "hook-repo"
CHANGE_LINES = [
    "func retryDelay(attempt: Int, base: Double = 0.25) -> Double {",
    "    let capped = min(attempt, 8)",
    "    let jitter = Double.random(in: 0..<0.1)",
    "    return base * Double(1 << capped) + jitter",
    "}",
    "",
    "let defaultTimeout = retryDelay(attempt: 3)",
    "// Settings read from the environment at start-up.",
    "let region = ProcessInfo.processInfo.environment[\"REGION\"] ?? \"eu-west-1\"",
    "print(\"timeout \\(defaultTimeout) region \\(region)\")",
]


def git(*args: str, cwd: Path = REPO, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode != 0:
        die(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def ensure_repo() -> Path:
    marker = REPO / ".git" / "keyhound-bench-complete"
    if marker.exists() and os.environ.get("FRESH") != "1":
        return REPO
    tree = ensure_corpus()
    wanted = int(os.environ.get("HOOK_FILES", "16000"))
    if REPO.exists():
        shutil.rmtree(REPO)
    REPO.mkdir(parents=True)
    chosen = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or path.stat().st_size > 64 * 1024:
                continue
            chosen.append(path)
    chosen = chosen[:wanted]
    if len(chosen) < 15000:
        die(f"corpus holds only {len(chosen)} files under 64 KB; the hook repo needs 15,000")
    for path in chosen:
        target = REPO / path.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    git("init", "-q", "-b", "main")
    git("config", "user.email", "bench@example.invalid")
    git("config", "user.name", "bench")
    git("config", "commit.gpgsign", "false")
    # Files are added with -f: the corpus's own .gitignore files must not drop any.
    git("add", "-A", "-f", ".")
    git("commit", "-q", "-m", "corpus snapshot", "--no-verify")
    marker.write_text("ok\n")
    return REPO


def stage_change() -> list[str]:
    """Resets to HEAD and stages the 3-file, 30-line change; returns the paths."""
    git("reset", "-q", "--hard", "HEAD")
    git("clean", "-q", "-fdx")
    tracked = git("ls-files", "*.swift").split("\n")
    tracked = [p for p in tracked if p]
    picks = [tracked[len(tracked) // 3], tracked[2 * len(tracked) // 3]]
    for path in picks:
        with open(REPO / path, "a") as handle:
            handle.write("\n".join(CHANGE_LINES) + "\n")
    new_file = "Sources/BenchHook/RetryDelay.swift"
    (REPO / new_file).parent.mkdir(parents=True, exist_ok=True)
    (REPO / new_file).write_text("\n".join(CHANGE_LINES) + "\n")
    git("add", *picks, new_file)
    return picks + [new_file]


def main(_args: list[str]) -> None:
    binary = build()
    report = Report("hook")
    header(report, "hook latency: keyhound scan --staged")
    repo = ensure_repo()
    tracked = len([p for p in git("ls-tree", "-r", "--name-only", "HEAD").split("\n") if p])
    paths = stage_change()
    stat = git("diff", "--cached", "--shortstat").strip()
    runs = int(os.environ.get("RUNS", "50"))
    report.say(f"repository: {repo.relative_to(repo.parent.parent.parent)} with {tracked} tracked files; "
               f"staged: {stat}")
    report.say(f"changed: {', '.join(paths)}")
    check = run([str(binary), "scan", "--staged", "--no-progress", "-f", "jsonl"], cwd=repo,
                capture=True)
    report.say(f"keyhound exit status on the change: {check.status} "
               f"(summary: {check.stdout.decode(errors='replace').strip().splitlines()[-1][:160]})")
    report.say("")
    commands = [
        ("keyhound scan --staged --no-progress",
         [str(binary), "scan", "--staged", "--no-progress"]),
        ("git diff --cached", ["git", "diff", "--cached"]),
        ("git diff --cached -U0 --no-color", ["git", "diff", "--cached", "-U0", "--no-color"]),
    ]
    gitleaks = peer_binary("gitleaks")
    if gitleaks:
        commands.append(("gitleaks git --pre-commit --staged",
                         [str(gitleaks), "git", "--pre-commit", "--staged", "--no-banner",
                          "-f", "json", "--report-path", sink(), "-l", "error", "."]))
    kingfisher = peer_binary("kingfisher")
    if kingfisher:
        commands.append(("kingfisher scan . --staged",
                         [str(kingfisher), "scan", ".", "--staged", "--no-validate",
                          "--no-update-check", "-f", "json", "-o", sink()]))
    p50s, p95s = [], []
    for number in range(rounds()):
        report.say(f"## round {number + 1}   (load average "
                   + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
        rows, keyhound_p50 = [], None
        for label, argv in commands:
            count = runs if not label.startswith(("gitleaks", "kingfisher")) else max(10, runs // 5)
            times = hyperfine_times(" ".join(shlex.quote(a) for a in argv), count, warmup=3, cwd=repo)
            how = "hyperfine -N"
            if times is None:
                times, how = loop_times(argv, count, warmup=3, cwd=repo), "python loop"
            p50, p95 = percentile(times, 50), percentile(times, 95)
            cpu = run(argv, cwd=repo)
            if label.startswith("keyhound"):
                keyhound_p50 = p50
                p50s.append(p50)
                p95s.append(p95)
            ratio = f"{p50 / keyhound_p50:.1f}x" if keyhound_p50 and not label.startswith("keyhound") else ""
            rows.append([label, str(len(times)), ms(min(times)), ms(p50), ms(p95),
                         ms(cpu.cpu), f"{cpu.rss_kb / 1024:.1f}", ratio, how])
        report.table(["command", "runs", "min ms", "p50 ms", "p95 ms", "CPU ms (1 run)",
                      "peak RSS MB", "p50 / keyhound", "timer"], rows)
        report.say("")
    best_p50, best_p95 = min(p50s), min(p95s)
    report.say(f"verdict (best round): p50 {best_p50 * 1000:.1f} ms (target <= 15: "
               f"{target_mark(best_p50 <= 0.015)}), p95 {best_p95 * 1000:.1f} ms (target <= 30: "
               f"{target_mark(best_p95 <= 0.030)})")
    git("reset", "-q", "--hard", "HEAD")
    git("clean", "-q", "-fdx")
    report.save()
