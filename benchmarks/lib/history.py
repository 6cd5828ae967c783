"""`benchmarks/run history`: full-history sweep throughput (unique blob bytes per second).

The repository (benchmarks/corpus/history.git, bare) is synthetic, built once with
`git fast-import` from the corpus, deterministically (seeded), then repacked:
  * a first commit adds HISTORY_POOL (default 4,000) corpus source files (text, 200 B-128 KB,
    sampled across the whole corpus, keeping their paths);
  * then HISTORY_COMMITS (default 50,000) commits, each modifying 2-5 files of that pool.
    The first file of a commit is chosen with probability proportional to its size (every
    line equally likely to be edited, so big files churn most, as in real projects); the
    others come, 4 times in 5, from the same project folder (a commit touches one area).
    An edit inserts, replaces or deletes 1-20 lines at a random place, the new lines taken
    from other corpus files, so every commit makes 2-5 new blobs of realistic size and
    content; about 1 commit in 100 also adds a new corpus file, 1 in 300 deletes one;
  * one author per commit out of 40, an hour apart; a tag every 1,000 commits and a side
    branch `release` at commit 40,000;
  * `git repack -a -d -f` (default window and depth) at the end: fast-import deltas each
    blob against the blob written just before it (another file), so its pack has no useful
    delta chains; a real repository's pack (gc, or a clone's) deltas versions of a file
    against each other, newest first.
Result with the defaults: 178,411 unique blobs averaging 21 KB (git/git: 165k blobs, 34 KB on
average; the first generator: 7.6 KB), 3.77 GB of unique blob bytes, 813k objects, a 116 MB pack
(the first generator's, not repacked: 484 MB).

Measured (2 runs per round): `keyhound scan --history REPO --no-progress -f jsonl -o TMP`
(2 cores), `git cat-file --batch-all-objects --batch --unordered` (the floor: git handing
out every object once), the same in object-name order, `git log -p -U0 --all`, the git
children of keyhound's sweep each alone (and `cat-file --batch` fed in log order, the order
keyhound does not use), and gitleaks
(`gitleaks git REPO`) and Kingfisher (`kingfisher scan REPO`) when installed (1 run).
Target (issue 3): >= 200 MB/s of unique blob bytes on 2 cores.
"""

from __future__ import annotations

import os
import bisect
import itertools
import random
import subprocess
import tempfile
import time
from pathlib import Path

from common import (sink, CORPUS, MB, Report, build, die, header, median, peer_binary, rounds, run,
                    run_shell, summary_of, target_mark)
from corpus import ensure_corpus

REPO = CORPUS / "history.git"
# Bump when the generator changes, so an older repository is rebuilt.
GENERATOR = "generator 2 (size-weighted edits, project locality, repacked)"
MAX_FILE = 128 * 1024


def _text_files(tree: Path, low: int, high: int) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            size = path.stat().st_size
            if low <= size <= high:
                with open(path, "rb") as handle:
                    if b"\0" not in handle.read(8192):
                        found.append(path)
    return found


def _write_stream(out, commits: int, pool_size: int, tree: Path) -> None:
    rng = random.Random(20240601)
    candidates = _text_files(tree, 200, MAX_FILE)
    if len(candidates) < pool_size * 2:
        die(f"corpus has only {len(candidates)} usable text files")
    rng.shuffle(candidates)
    pool_paths = candidates[:pool_size]
    spare = candidates[pool_size:]
    files: dict[str, list[bytes]] = {}
    original: dict[str, int] = {}
    order: list[str] = []
    donor_lines: list[bytes] = []
    for path in pool_paths:
        rel = str(path.relative_to(tree))
        lines = path.read_bytes().splitlines(keepends=True)
        files[rel] = lines
        original[rel] = len(lines)
        order.append(rel)
        donor_lines.extend(lines[:400])
    def project(path: str) -> str:
        return "/".join(path.split("/")[:2])

    projects: dict[str, list[str]] = {}
    for rel in order:
        projects.setdefault(project(rel), []).append(rel)
    # Edit probability follows the original size: every line is as likely to be edited.
    sizes = {rel: sum(len(line) for line in files[rel]) for rel in order}
    weights: list[int] = []
    weights_stale = True
    authors = [(f"Developer {i:02d}", f"dev{i:02d}@example.invalid") for i in range(40)]
    when = 1_420_070_400  # 2015-01-01

    def emit(text: bytes) -> None:
        out.write(text)

    def data(payload: bytes) -> None:
        emit(b"data %d\n" % len(payload))
        emit(payload)
        emit(b"\n")

    def commit(ref: str, message: str, changes: list[tuple[str, bytes | None]], author) -> None:
        nonlocal when
        when += rng.randint(600, 7200)
        name, email = author
        emit(f"commit {ref}\n".encode())
        emit(f"author {name} <{email}> {when} +0000\n".encode())
        emit(f"committer {name} <{email}> {when} +0000\n".encode())
        data(message.encode())
        for path, content in changes:
            if content is None:
                emit(f"D {path}\n".encode())
            else:
                emit(f"M 100644 inline {path}\n".encode())
                data(content)

    commit("refs/heads/main", "Initial import",
           [(p, b"".join(files[p])) for p in order], authors[0])
    for number in range(1, commits):
        count = rng.randint(2, 5)
        if weights_stale:
            weights = list(itertools.accumulate(sizes[p] for p in order))
            weights_stale = False
        first = order[min(bisect.bisect(weights, rng.random() * weights[-1]), len(order) - 1)]
        touched = {first}
        neighbours = [p for p in projects.get(project(first), []) if p in files and p != first]
        while len(touched) < min(count, len(order)):
            if neighbours and rng.random() < 0.8:
                touched.add(rng.choice(neighbours))
            else:
                touched.add(order[min(bisect.bisect(weights, rng.random() * weights[-1]), len(order) - 1)])
        changes: list[tuple[str, bytes | None]] = []
        for path in sorted(touched):
            lines = files[path]
            size = rng.randint(1, 20)
            at = rng.randint(0, len(lines))
            start = rng.randrange(len(donor_lines))
            new = donor_lines[start:start + size] or [b"\n"]
            # Files drift around their original length: no unbounded growth.
            roll = rng.random()
            if len(lines) > original[path] * 1.3 + 20:
                roll = 1.0
            elif len(lines) < original[path] * 0.7 or len(lines) < 30:
                roll = 0.0
            if roll < 0.35:
                lines[at:at] = new
            elif roll < 0.65:
                lines[at:at + size] = new
            else:
                del lines[at:at + size]
            changes.append((path, b"".join(lines)))
        if rng.random() < 0.01 and spare:
            extra = spare.pop()
            rel = str(extra.relative_to(tree))
            if rel not in files:
                files[rel] = extra.read_bytes().splitlines(keepends=True)
                original[rel] = len(files[rel])
                order.append(rel)
                sizes[rel] = sum(len(line) for line in files[rel])
                projects.setdefault(project(rel), []).append(rel)
                weights_stale = True
                changes.append((rel, b"".join(files[rel])))
        elif rng.random() < 1 / 300 and len(order) > 100:
            victim = order.pop(rng.randrange(len(order) // 2, len(order)))
            del files[victim]
            del original[victim]
            weights_stale = True
            changes.append((victim, None))
        commit("refs/heads/main", f"Change {number}: update {len(changes)} files",
               changes, authors[rng.randrange(len(authors))])
        if number % 1000 == 0:
            emit(f"reset refs/tags/v{number // 1000}.0\nfrom refs/heads/main\n\n".encode())
        if number == int(commits * 0.8):
            emit(b"reset refs/heads/release\nfrom refs/heads/main\n\n")


def ensure_repo(report: Report) -> Path:
    marker = REPO / "keyhound-bench-complete"
    commits = int(os.environ.get("HISTORY_COMMITS", "50000"))
    pool = int(os.environ.get("HISTORY_POOL", "4000"))
    description = f"{commits} commits, pool {pool}, {GENERATOR}"
    if (marker.exists() and marker.read_text().strip() == description
            and os.environ.get("FRESH") != "1"):
        return REPO
    tree = ensure_corpus()
    subprocess.run(["rm", "-rf", str(REPO)], check=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(REPO)], check=True)
    started = time.monotonic()
    importer = subprocess.Popen(["git", "--git-dir", str(REPO), "fast-import", "--quiet"],
                                stdin=subprocess.PIPE)
    _write_stream(importer.stdin, commits, pool, tree)
    importer.stdin.close()
    if importer.wait() != 0:
        die("git fast-import failed")
    report.say(f"imported in {time.monotonic() - started:.0f} s; repacking")
    if subprocess.run(["git", "--git-dir", str(REPO), "repack", "-a", "-d", "-f", "-q"]).returncode != 0:
        die("git repack failed")
    subprocess.run(["git", "--git-dir", str(REPO), "prune-packed"], check=True)
    marker.write_text(description + "\n")
    report.say(f"built {REPO.name} in {time.monotonic() - started:.0f} s")
    return REPO


def repo_facts(repo: Path) -> dict:
    check = subprocess.run(["git", "--git-dir", str(repo), "cat-file", "--batch-all-objects",
                            "--batch-check=%(objecttype) %(objectsize)", "--unordered"],
                           capture_output=True, text=True, check=True).stdout
    blobs = blob_bytes = objects = 0
    for line in check.splitlines():
        kind, size = line.split()
        objects += 1
        if kind == "blob":
            blobs += 1
            blob_bytes += int(size)
    commits = int(subprocess.run(["git", "--git-dir", str(repo), "rev-list", "--all", "--count"],
                                 capture_output=True, text=True, check=True).stdout)
    pack = sum(p.stat().st_size for p in (repo / "objects" / "pack").glob("*.pack"))
    return {"blobs": blobs, "blob_bytes": blob_bytes, "objects": objects,
            "commits": commits, "pack": pack}


def _log_order_blob_ids(repo: Path) -> bytes:
    """Blob ids in the order `git log --raw --all` first shows them (newest commit first)."""
    out = subprocess.run(["git", "--git-dir", str(repo), "log", "--raw", "--no-abbrev", "-z",
                          "--no-renames", "-c", "--root", "--all", "--format=%x01%H", "--"],
                         capture_output=True, check=True).stdout.split(b"\0")
    seen: set[bytes] = set()
    ids: list[bytes] = []
    index = 0
    while index < len(out):
        token = out[index].lstrip(b"\n")
        if token.startswith(b":"):
            parents = len(token) - len(token.lstrip(b":"))
            fields = token.lstrip(b":").split(b" ")
            if (fields[parents] in (b"100644", b"100755", b"100664") and fields[2 * parents + 1].strip(b"0")
                    and fields[2 * parents + 1] not in seen):
                seen.add(fields[2 * parents + 1])
                ids.append(fields[2 * parents + 1])
            index += 2
        else:
            index += 1
    return b"".join(blob + b"\n" for blob in ids)


def main(_args: list[str]) -> None:
    binary = build()
    report = Report("history")
    header(report, "history sweep: keyhound scan --history")
    repo = ensure_repo(report)
    facts = repo_facts(repo)
    report.say(f"repository: {repo.relative_to(repo.parent.parent.parent)} "
               f"({(repo / 'keyhound-bench-complete').read_text().strip()}): "
               f"{facts['commits']} commits on all refs, {facts['blobs']} unique blobs, "
               f"{facts['blob_bytes'] / MB:.1f} MB of unique blob bytes, "
               f"{facts['objects']} objects, pack {facts['pack'] / MB:.1f} MB")
    report.say("")
    git = f"git --git-dir {repo}"
    pack_ids = Path(sink() + ".blob-ids-pack-order")
    pack_ids.write_text("".join(line.split()[1] + "\n" for line in subprocess.run(
        ["git", "--git-dir", str(repo), "cat-file", "--batch-all-objects", "--unordered",
         "--batch-check=%(objecttype) %(objectname)"], capture_output=True, text=True,
        check=True).stdout.splitlines() if line.startswith("blob ")))
    log_ids = Path(sink() + ".blob-ids-log-order")
    log_ids.write_bytes(_log_order_blob_ids(repo))
    # (label, shell command, runs: None = RUNS)
    floor = [
        ("git cat-file --batch-all-objects --batch --unordered",
         f"{git} cat-file --batch-all-objects --batch --unordered > /dev/null", None),
        ("git cat-file --batch-all-objects --batch",
         f"{git} cat-file --batch-all-objects --batch > /dev/null", 1),
        ("git log -p -U0 --all", f"{git} log -p -U0 --all > /dev/null", 1),
        # The git children of keyhound's sweep (HistoryScan), each alone:
        ("  git log --raw -c --all (the index)",
         f"{git} log --raw --no-abbrev -z --no-renames -c --root --no-show-signature --all -- > /dev/null", None),
        ("  cat-file --batch-check --batch-all-objects --unordered",
         f"{git} cat-file --batch-all-objects --unordered "
         f"'--batch-check=%(objecttype) %(objectname) %(objectsize)' > /dev/null", None),
        ("  cat-file --batch < blob ids in pack order",
         f"{git} cat-file --batch < {pack_ids} > /dev/null", None),
        ("  cat-file --batch < blob ids in log order",
         f"{git} cat-file --batch < {log_ids} > /dev/null", 1),
    ]
    peers = []
    gitleaks = peer_binary("gitleaks")
    if gitleaks:
        peers.append(("gitleaks git REPO", [str(gitleaks), "git", str(repo), "--no-banner",
                                            "-f", "json", "--report-path", sink(), "-l", "error"]))
    kingfisher = peer_binary("kingfisher")
    if kingfisher:
        peers.append(("kingfisher scan REPO", [str(kingfisher), "scan", str(repo), "--no-validate",
                                               "--no-update-check", "-f", "json", "-o", sink()]))
    runs = int(os.environ.get("RUNS", "2"))
    best = []
    for number in range(rounds()):
        report.say(f"## round {number + 1}   (load average "
                   + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
        rows = []
        samples, summary = [], {}
        for _ in range(runs):
            with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as out:
                path = out.name
            sample = run([str(binary), "scan", "--history", str(repo), "--no-progress",
                          "-f", "jsonl", "-o", path], own_rss=True)
            summary = summary_of(Path(path).read_bytes())
            os.unlink(path)
            if sample.status not in (0, 1):
                die(f"keyhound scan --history exited {sample.status}")
            samples.append(sample)
        walls = [s.wall for s in samples]
        keyhound_best = min(walls)
        best.append(keyhound_best)
        rows.append(["keyhound scan --history (-j 2)", ", ".join(f"{w:.2f}" for w in walls),
                     f"{facts['blob_bytes'] / MB / keyhound_best:.1f}",
                     f"{facts['blob_bytes'] / MB / median(walls):.1f}",
                     f"{median([s.cpu for s in samples]):.2f}",
                     f"{max(s.rss_kb for s in samples) / 1024:.0f}", "1.0x"])
        for label, script, times in floor:
            floor_samples = [run_shell(script) for _ in range(times or runs)]
            walls = [s.wall for s in floor_samples]
            rows.append([label, ", ".join(f"{w:.2f}" for w in walls),
                         f"{facts['blob_bytes'] / MB / min(walls):.1f}", "",
                         f"{median([s.cpu for s in floor_samples]):.2f}",
                         f"{max(s.rss_kb for s in floor_samples) / 1024:.0f}",
                         f"{min(walls) / keyhound_best:.2f}x"])
        for label, argv in peers:
            sample = run(argv)
            rows.append([label, f"{sample.wall:.2f}",
                         f"{facts['blob_bytes'] / MB / sample.wall:.1f}", "", f"{sample.cpu:.2f}",
                         f"{sample.rss_kb / 1024:.0f}", f"{sample.wall / keyhound_best:.2f}x"])
        report.table(["command", "wall s (each run)", "best MB/s", "median MB/s", "CPU s",
                      "peak RSS MB", "time / keyhound"], rows)
        report.say(f"keyhound summary: blobs_scanned {summary.get('blobs_scanned')}, "
                   f"bytes_scanned {summary.get('bytes_scanned', 0) / MB:.1f} MB, "
                   f"findings {summary.get('findings')}, skipped_binary {summary.get('skipped_binary')}, "
                   f"skipped_large {summary.get('skipped_large')}, errors {len(summary.get('errors', []))}")
        report.say("")
    rate = facts["blob_bytes"] / MB / min(best)
    report.say(f"verdict (best run): {rate:.1f} MB/s of unique blob bytes on 2 cores; "
               f"target >= 200: {target_mark(rate >= 200)}")
    report.say("CPU s includes child processes (keyhound's git children). keyhound's peak RSS "
               "is its own (VmHWM, without its git children); the git rows' peak RSS counts "
               "git's mmap of the pack (file-backed pages).")
    report.save()
