"""`benchmarks/run corpus`: a corpus of real source code, built without network.

Every bare repository under /opt/swift-packages/*/*.git (local mirrors of Swift packages)
is exported with `git archive HEAD` into benchmarks/corpus/tree/<owner>/<name>/ (no .git
folders, so the tree is plain source), and the *.py files of the Python standard library
are copied to benchmarks/corpus/tree/python-stdlib/. Re-running is a no-op unless
FRESH=1.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

from common import CORPUS, TREE, Report, header, tree_bytes, MB

MIRRORS = "/opt/swift-packages/*/*.git"


def _export(repo: Path, dest: Path) -> bool:
    head = "HEAD"
    if subprocess.run(["git", f"--git-dir={repo}", "rev-parse", "--verify", "-q", "HEAD"],
                      capture_output=True).returncode != 0:
        refs = subprocess.run(["git", f"--git-dir={repo}", "for-each-ref", "--count=1",
                               "--format=%(refname)", "refs/heads", "refs/tags"],
                              capture_output=True, text=True).stdout.strip()
        if not refs:
            return False
        head = refs
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", f"--git-dir={repo}", "archive", "--format=tar", head],
                               stdout=subprocess.PIPE)
    extract = subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout)
    archive.stdout.close()
    return archive.wait() == 0 and extract.returncode == 0


def ensure_corpus(report: Report | None = None) -> Path:
    """The corpus tree, built when missing."""
    marker = CORPUS / ".complete"
    if marker.exists() and os.environ.get("FRESH") != "1":
        return TREE
    if TREE.exists():
        shutil.rmtree(TREE)
    TREE.mkdir(parents=True)
    repos = sorted(Path(p) for p in glob.glob(MIRRORS))
    exported = 0
    for repo in repos:
        owner = repo.parent.name
        name = repo.name[:-len(".git")]
        if _export(repo, TREE / owner / name):
            exported += 1
    if os.environ.get("CORPUS_NO_PYTHON") != "1":
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        dest = TREE / "python-stdlib"
        for dirpath, dirnames, filenames in os.walk(stdlib):
            dirnames[:] = [d for d in dirnames if d not in ("site-packages", "__pycache__")]
            for name in filenames:
                if name.endswith(".py"):
                    src = Path(dirpath) / name
                    target = dest / src.relative_to(stdlib)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, target)
    # Symlinks pointing outside the tree would make `cat` and the scanners disagree.
    for dirpath, dirnames, filenames in os.walk(TREE):
        for name in filenames + dirnames:
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                os.unlink(full)
    marker.write_text(f"{exported} of {len(repos)} mirrors\n")
    return TREE


def main(_args: list[str]) -> None:
    report = Report("corpus")
    header(report, "corpus")
    tree = ensure_corpus(report)
    files, nbytes = tree_bytes(tree)
    per_part = []
    for part in sorted(tree.iterdir()):
        f, b = tree_bytes(part)
        per_part.append((part.name, f, b))
    report.say(f"corpus: {tree}  ({(CORPUS / '.complete').read_text().strip()} exported)")
    report.table(["part", "files", "MB"],
                 [[name, str(f), f"{b / MB:.1f}"] for name, f, b in per_part]
                 + [["total", str(files), f"{nbytes / MB:.1f}"]])
    report.save()
