"""`benchmarks/run accuracy`: precision, recall and F1 on a labelled corpus this script writes.

The corpus is OUR OWN: every secret is generated here from documented formats, planted in
realistic surrounding code and configuration, beside decoys that must not be reported. Three
sources feed it:
- accuracy_formats.FORMATS: token formats (prefix, alphabet, length, checksum, the variable name
  a configuration gives it), each planted PER_FORMAT times in 10 file kinds and once behind each
  encoding (base64, percent-encoding, escaped JSON, a literal joined across lines);
- accuracy_files.FILES: whole credential files and code idioms written the way their tools write
  them (.netrc, .pgpass, .htpasswd, /etc/shadow, .ppk, FileZilla, wp-config.php, .npmrc, kubeconfig…);
- decoys: per format a placeholder (the documented shape filled with x) and, for checksummed
  formats, a wrong checksum; documented examples (AWS, Stripe, MinIO, jwt.io), placeholders in
  credential files, hashes, UUIDs, public keys.
It measures what keyhound does on formats we wrote rules for; it says nothing about formats nobody
here thought of. Numbers on data nobody here wrote are the hidden corpora's.

The corpus is scanned as a tree (`keyhound scan DIR --no-git`) and as git history (the same files
committed over several commits, some deleted later: `keyhound scan --history`). A finding is a
true positive when its path and secret match a planted secret (whichever rule reported it; the
"other rule" column counts planted secrets that only another rule found); every other finding is
a false positive of the rule that reported it, labelled with its decoy file's kind. Per-family
figures group types by the pattern file their rule lives in.

To extend: add a `Format` to accuracy_formats.FORMATS or a generator to accuracy_files.FILES.
Types without a built-in rule are listed. Environment: SEED (default 15), PER_FORMAT (default 6).
"""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from accuracy_files import FILES, decoy_files
from accuracy_formats import FORMATS
from common import ROOT, Report, build, header

CONTEXTS = {
    "py": ('{name} = "{value}"\n', "import os\n\nDEBUG = False\nTIMEOUT = 30\n", "\n\ndef main():\n    return TIMEOUT\n"),
    "js": ('const {lname} = "{value}";\n', "'use strict';\nconst http = require('http');\n", "\nmodule.exports = {{ http }};\n"),
    "go": ('\t{lname} := "{value}"\n', "package main\n\nfunc main() {{\n", "}}\n"),
    "java": ('    private static final String {name} = "{value}";\n', "public class Config {{\n", "}}\n"),
    "env": ("{name}={value}\n", "NODE_ENV=production\nPORT=8080\n", "LOG_LEVEL=info\n"),
    "yaml": ("  {lname}: {value}\n", "service:\n  name: billing\n", "  replicas: 2\n"),
    "json": ('  "{lname}": "{value}",\n', '{{\n  "name": "billing",\n', '  "port": 8080\n}}\n'),
    "toml": ('{lname} = "{value}"\n', "[service]\nname = \"billing\"\n", "port = 8080\n"),
    "sh": ("export {name}='{value}'\n", "#!/bin/sh\nset -eu\n", "exec ./server\n"),
    "tf": ('  {lname} = "{value}"\n', 'resource "acme_service" "main" {{\n', "}}\n"),
}


def encoded_variants(value: str, name: str) -> list[tuple[str, str]]:
    """(how, line) pairs: the same secret behind an encoding."""
    b64 = base64.b64encode(value.encode()).decode()
    pct = value.replace("%", "%25").replace("_", "%5F").replace("-", "%2D").replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    esc = json.dumps(json.dumps({name.lower(): value}))
    half = len(value) // 2
    return [
        ("base64", f"{name}_B64={b64}\n"),
        ("percent", f"callback = \"https://hooks.acme.io/in?{name.lower()}={pct}\"\n"),
        ("escaped-json", f'{{"settings": {esc}}}\n'),
        ("joined", f'{name.lower()} = "{value[:half]}" +\n    "{value[half:]}"\n'),
    ]


DECOYS = [
    ("placeholder", 'API_KEY = "your-api-key-here"\n'),
    ("placeholder", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"),
    ("placeholder", 'password = "${DB_PASSWORD}"\n'),
    ("placeholder", 'SECRET_KEY = "changeme-changeme-2024"\n'),
    ("placeholder", f'API_KEY = "{base64.b64encode(b"example-key-1234567").decode()}"\n'),
    ("placeholder", 'api_key = "Zq4Kd9abcdefghW2xT7Lh5Rt8Yp3Nq"\n'),
    ("documented-example", "aws_access_key_id = " + "AKIAIOSFODNN7" + "EXAMPLE\n"),
    ("documented-example", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY\n"),
    ("documented-example", "const stripe = require('stripe')('" + "sk_" + "test_4eC39HqLyjWDarjtT1zdp7dc');\n"),
    ("documented-example", "MINIO_SECRET_KEY=" + "zuf+tfteSlswRu7BJ86w" + "ekitnifILbZam1KYY3TG\n"),
    ("hash", 'integrity: "sha512-3F8kPq9xZ0vYtL7mN2bC5dR1sW4aE6uH8jK0lO2iU4yT6rE8wQ1zX3cV5bN7mA9sD=="\n'),
    ("hash", "commit: da39a3ee5e6b4b0d3255bfef95601890afd80709\n"),
    ("uuid", 'API_KEY = "5630b6be-0c36-4d09-a9d1-04f197fefb06"\n'),
    ("uuid", 'token = "c1c97b1c-2fa8-4bea-be76-548e5dca2712"\n'),
]


@dataclass
class Planted:
    type: str
    path: str
    secret: str
    how: str = "plain"
    alts: tuple[str, ...] = ()

    def matches(self, secret: str | None) -> bool:
        return secret == self.secret or secret in self.alts


@dataclass
class Corpus:
    root: Path
    planted: list[Planted] = field(default_factory=list)
    decoys: dict[str, str] = field(default_factory=dict)  # path -> decoy kind (decoy files hold only decoys)

    def write(self, path: str, text: str) -> None:
        (self.root / path).parent.mkdir(parents=True, exist_ok=True)
        (self.root / path).write_text(text)


def generate(root: Path, rng: random.Random, per_format: int) -> Corpus:
    corpus = Corpus(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    kinds = list(CONTEXTS)
    n = 0
    for fmt in FORMATS:
        for i in range(per_format):
            value = fmt.make(rng)
            kind = kinds[(n + i) % len(kinds)]
            line, head, tail = CONTEXTS[kind]
            text = head.format() + line.format(name=fmt.name, lname=fmt.name.lower(), value=value) + tail.format()
            path = f"src/{fmt.key}/{i}.{kind}"
            corpus.write(path, text)
            corpus.planted.append(Planted(fmt.type, path, fmt.secret_of(value)))
        n += 1
        # One of each encoding per provider format (generic values are left plain).
        if not fmt.type.startswith("generic"):
            for how, line in encoded_variants(fmt.make(rng), fmt.name):
                path = f"encoded/{fmt.key}/{how}.txt"
                corpus.write(path, "# settings\n" + line)
                secret = fmt.secret_of(secret_of(line, how))
                # A rule that reports the base64 text itself (a generic rule on the encoded value)
                # reports the same secret: credited, and counted in the "other rule" column.
                alts = (base64.b64encode(secret.encode()).decode(),) if how == "base64" else ()
                corpus.planted.append(Planted(fmt.type, path, secret, how, alts))
        broken = fmt.broken(rng)
        if broken:
            path = f"decoys/wrong-checksum/{fmt.key}.env"
            corpus.write(path, f"{fmt.name}={broken}\n")
            corpus.decoys[path] = "wrong-checksum"
        placeholder = fmt.placeholder_value()
        if placeholder:
            path = f"decoys/placeholder/{fmt.key}.env"
            corpus.write(path, f"{fmt.name}={placeholder}\n")
            corpus.decoys[path] = "placeholder"
    for make in FILES:
        made = make(rng)
        for file in made if isinstance(made, list) else [made]:
            path = f"files/{file.path}"
            corpus.write(path, file.text)
            for s in file.secrets:
                corpus.planted.append(Planted(s.type, path, s.value, "file", s.alts))
    for i, (kind, line) in enumerate(DECOYS):
        path = f"decoys/{kind}/{i}.txt"
        corpus.write(path, "# config\n" + line)
        corpus.decoys[path] = kind
    for kind, path, text in decoy_files():
        corpus.write(path, text)
        corpus.decoys[path] = kind
    return corpus


def secret_of(line: str, how: str) -> str:
    """The plain secret inside an encoded line (recomputed from the line, to keep one truth)."""
    if how == "base64":
        return base64.b64decode(line.split("=", 1)[1].strip()).decode()
    if how == "percent":
        from urllib.parse import unquote
        return unquote(line.split("?", 1)[1].split("=", 1)[1].split('"')[0])
    if how == "escaped-json":
        return next(iter(json.loads(json.loads(line)["settings"]).values()))
    if how == "joined":
        parts = [p.split('"')[1] for p in line.splitlines()]
        return "".join(parts)
    raise ValueError(how)


def scan(binary: Path, args: list[str], cwd: Path) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as out:
        report = out.name
    subprocess.run([str(binary), "scan", *args, "--show-secrets", "--no-progress", "-f", "jsonl", "-o", report],
                   capture_output=True, cwd=cwd)
    lines = Path(report).read_text().splitlines()
    os.unlink(report)
    return [json.loads(l) for l in lines if l.startswith('{"rule"')]


def score(corpus: Corpus, findings: list[dict], path_of) -> tuple[dict, dict]:
    """Per-type counts {type: [tp, fp, fn, by-another-rule]} and the misses and false positives.

    A finding is a true positive when its path (any place a history finding lists) and its secret
    match a planted secret; it is credited to the planted type whichever rule reported it (the
    fourth count says how many planted secrets only another rule found). Every other finding is a
    false positive of the rule that reported it, labelled with the decoy kind of its file.
    """
    counts: dict[str, list[int]] = {}

    def bump(t, i):
        counts.setdefault(t, [0, 0, 0, 0])[i] += 1
    by_rule: dict[tuple[str, str], set[str]] = {}
    false_positives = []
    for f in findings:
        places = [path_of(f)] + [loc["path"] for loc in f.get("locations", [])]
        matches = [p for p in corpus.planted if p.path in places and p.matches(f.get("secret"))]
        for match in matches:
            by_rule.setdefault((match.path, match.secret), set()).add(f["rule"])
        if not matches:
            kind = corpus.decoys.get(path_of(f), "unlabelled")
            if any(p.path in places and f.get("secret") and f["secret"] in p.secret for p in corpus.planted):
                kind = "part of a planted secret"
            bump(f["rule"], 1)
            false_positives.append(f"{f['rule']} {path_of(f)}:{f['line']} ({kind})")
    missed = []
    hows: dict[str, list[int]] = {}
    for p in corpus.planted:
        rules = by_rule.get((p.path, p.secret))
        if rules:
            bump(p.type, 0)
            hows.setdefault(p.how, [0, 0, 0, 0])[0] += 1
            if p.type not in rules:
                bump(p.type, 3)
        else:
            bump(p.type, 2)
            hows.setdefault(p.how, [0, 0, 0, 0])[2] += 1
            missed.append(f"{p.type} {p.path} ({p.how})")
    for fp in false_positives:
        path = fp.split(" ")[1]
        how = ("plain" if path.startswith("src/") else "file" if path.startswith("files/")
               else path.split("/")[2].split(".")[0] if path.startswith("encoded/") else "decoy")
        hows.setdefault(how, [0, 0, 0, 0])[1] += 1
    return counts, {"missed": missed, "false positives": false_positives, "hows": hows}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def families() -> dict[str, str]:
    """Rule id -> its pattern file's stem (the family the per-family table groups by)."""
    out = {}
    for path in sorted((ROOT / "patterns").glob("*.toml")):
        for rule in tomllib.loads(path.read_text()).get("rules", []):
            out[rule["id"]] = path.stem
    return out


def how_table(report: Report, title: str, hows: dict, decoys: int) -> None:
    """Figures by where the secret sat: plain in code/config, in a credential file, behind each encoding."""
    report.say(f"### {title}, by placement (false positives by the kind of file they were in)")
    rows = []
    for how in ["plain", "file", "base64", "percent", "escaped-json", "joined", "decoy"]:
        tp, fp, fn, _ = hows.get(how, [0, 0, 0, 0])
        p, r, f = prf(tp, fp, fn)
        rows.append([how, str(tp), str(fp), str(fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    report.table(["placement", "TP", "FP", "FN", "precision", "recall", "F1"], rows)
    report.say(f"(decoy: {decoys} files that must yield no finding: placeholders, wrong checksums, documented "
               "examples, hashes, UUIDs, public keys)")
    report.say("")


def table(report: Report, title: str, counts: dict, family: dict[str, str]) -> float:
    report.say(f"## {title}")
    header = ["type", "TP", "FP", "FN", "other rule", "precision", "recall", "F1"]
    rows = []
    tot = [0, 0, 0, 0]
    fams: dict[str, list[int]] = {}
    for t in sorted(counts):
        tp, fp, fn, other = counts[t]
        tot = [a + b for a, b in zip(tot, counts[t])]
        fam = fams.setdefault(family.get(t, "(no rule)"), [0, 0, 0, 0])
        fams[family.get(t, "(no rule)")] = [a + b for a, b in zip(fam, counts[t])]
        p, r, f = prf(tp, fp, fn)
        rows.append([t, str(tp), str(fp), str(fn), str(other), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    p, r, f = prf(*tot[:3])
    rows.append(["overall", *map(str, tot), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    report.table(header, rows)
    report.say("")
    report.say(f"### {title.split(' ')[0]}, per family (pattern file)")
    frows = []
    for name in sorted(fams):
        tp, fp, fn, other = fams[name]
        fp_, fr, ff = prf(tp, fp, fn)
        frows.append([name, str(tp), str(fp), str(fn), str(other), f"{fp_:.3f}", f"{fr:.3f}", f"{ff:.3f}"])
    report.table(["family"] + header[1:], frows)
    report.say("")
    return f


def history_repo(corpus: Corpus, repo: Path) -> None:
    if repo.exists():
        shutil.rmtree(repo)
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com",
               GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    files = sorted(p for p in corpus.root.rglob("*") if p.is_file())
    # Three commits of a third each; then a fourth deletes every 4th file (its secrets stay in history).
    for k in range(3):
        for p in files[k::3]:
            dest = repo / p.relative_to(corpus.root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
        subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", f"part {k}"], check=True, env=env)
    for p in files[::4]:
        (repo / p.relative_to(corpus.root)).unlink()
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "remove some"], check=True, env=env)


def main(_args: list[str]) -> None:
    binary = Path(os.environ["KEYHOUND"]) if os.environ.get("KEYHOUND") else build()
    report = Report("accuracy")
    header(report, "accuracy: precision, recall and F1 on a generated, labelled corpus (our own)")
    rng = random.Random(int(os.environ.get("SEED", "15")))
    per_format = int(os.environ.get("PER_FORMAT", "6"))
    work = Path(tempfile.mkdtemp(prefix="keyhound-accuracy-"))
    try:
        corpus = generate(work / "tree", rng, per_format)
        rules = {line.split()[0] for line in subprocess.run(
            [str(binary), "rules", "list"], capture_output=True, text=True).stdout.splitlines() if line.strip()}
        missing = [p.type for p in corpus.planted if p.type not in rules]
        files = sum(1 for p in corpus.planted if p.how == "file")
        report.say(f"corpus: {len(corpus.planted)} planted secrets ({len(FORMATS)} token formats of "
                   f"{len({f.type for f in FORMATS})} types, {per_format} plain each in {len(CONTEXTS)} file kinds, "
                   f"4 encodings per provider format; {files} secrets in {len(FILES)} credential-file/code-idiom "
                   f"generators), {len(corpus.decoys)} decoy files; "
                   f"types with no built-in rule: {', '.join(sorted(set(missing))) or 'none'}")
        report.say("THIS IS OUR OWN CORPUS, generated from the formats we wrote rules for: it checks "
                   "that keyhound does what we meant, not how it does on data nobody here wrote.")
        report.say("")
        family = families()
        tree = scan(binary, [".", "--no-git"], corpus.root)
        counts, extra = score(corpus, tree, lambda f: f["path"])
        f_tree = table(report, "tree (keyhound scan DIR --no-git)", counts, family)
        how_table(report, "tree", extra["hows"], len(corpus.decoys))
        for miss in extra["missed"]:
            report.say(f"missed (tree): {miss}")
        for fp in extra["false positives"]:
            report.say(f"false positive (tree): {fp}")
        report.say("")
        repo = work / "repo"
        history_repo(corpus, repo)
        hist = scan(binary, ["--history", "."], repo)
        counts, extra = score(corpus, hist, lambda f: f["path"])
        f_hist = table(report, "history (keyhound scan --history REPO, 4 commits)", counts, family)
        how_table(report, "history", extra["hows"], len(corpus.decoys))
        for miss in extra["missed"]:
            report.say(f"missed (history): {miss}")
        for fp in extra["false positives"]:
            report.say(f"false positive (history): {fp}")
        report.say("")
        report.say(f"target >= 0.98 F1: tree {f_tree:.3f}, history {f_hist:.3f}")
        report.save()
    finally:
        shutil.rmtree(work, ignore_errors=True)
