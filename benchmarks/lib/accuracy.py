"""`benchmarks/run accuracy`: precision, recall and F1 on a labelled corpus this script writes.

The corpus is OUR OWN: every secret is generated here from a table of documented formats
(FORMATS below: prefix, alphabet, length, checksum, the context a rule needs), planted in
realistic surrounding code and configuration in several languages, some of them encoded
(base64, percent-encoding, escaped JSON, literals joined across lines), beside decoys that must
not be reported: placeholders, wrong checksums, documented examples, hashes, UUIDs. It measures
what keyhound does on formats we wrote rules for; it says nothing about formats nobody here
thought of. Numbers on data nobody here wrote are the hidden corpora's.

The corpus is scanned as a tree (`keyhound scan DIR --no-git`) and as git history (the same files
committed over several commits, some secrets deleted later: `keyhound scan --history`). A finding
is a true positive when its path and secret (fingerprint) match a planted secret; every other
finding is a false positive, charged to the type of the decoy on its line (or "unlabelled").

To extend: add a `Format` line to FORMATS (a new rule's documented format) — the generator,
contexts and scoring pick it up. Formats without a built-in rule are reported as "no rule".
Environment: SEED (default 15), PER_FORMAT (planted secrets per format, default 6).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from common import Report, build, header

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = B62
UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DIGITS = "0123456789"


def crc32_base62(body: str) -> str:
    value = zlib.crc32(body.encode())
    out = ""
    while value:
        out = B62[value % 62] + out
        value //= 62
    return out.rjust(6, "0")


@dataclass
class Format:
    """A documented credential format: how to make one, and the name a config gives it."""
    type: str              # the rule id we expect (the label)
    prefix: str
    alphabet: str
    length: int            # random characters after the prefix
    checksum: str = ""     # "github-crc32": 6 base62 CRC-32 characters of the random part
    name: str = "API_KEY"  # the variable/key name used in contexts (some rules need it)
    suffix: str = ""
    source: str = ""       # where the format is documented
    middle: str = ""       # a fixed infix, followed by `length2` more random characters
    length2: int = 0

    def make(self, rng: random.Random) -> str:
        body = "".join(rng.choice(self.alphabet) for _ in range(self.length))
        if self.checksum == "github-crc32":
            body += crc32_base62(body)
        if self.middle:
            body += self.middle + "".join(rng.choice(self.alphabet) for _ in range(self.length2))
        return self.prefix + body + self.suffix

    def broken(self, rng: random.Random) -> str | None:
        """The same shape with a wrong checksum (a decoy), when the format has one."""
        if not self.checksum:
            return None
        good = self.make(rng)
        return good[:-6] + "".join(reversed(good[-6:])) if good[-6:] != good[-6:][::-1] else good[:-6] + "zzzzzz"


# One line per documented format. Extend as rules arrive.
FORMATS = [
    Format("github-pat", "ghp_", ALNUM, 30, "github-crc32", "GITHUB_TOKEN", source="GitHub token formats blog post (2021)"),
    Format("github-oauth-token", "gho_", ALNUM, 30, "github-crc32", "GH_OAUTH_TOKEN", source="GitHub token formats"),
    Format("github-app-installation-token", "ghs_", ALNUM, 30, "github-crc32", "GH_APP_TOKEN", source="GitHub token formats"),
    Format("npm-access-token", "npm_", ALNUM, 30, "github-crc32", "NPM_TOKEN", source="npm: about access tokens"),
    Format("aws-access-key-id", "AKIA", UPPER_DIGITS, 16, name="AWS_ACCESS_KEY_ID", source="AWS IAM user guide"),
    Format("gitlab-pat", "glpat-", B64URL.replace("-", "").replace("_", ""), 20, name="GITLAB_TOKEN", source="GitLab token prefixes"),
    Format("slack-bot-token", "xoxb-", DIGITS, 12, name="SLACK_BOT_TOKEN",
           suffix="", source="Slack token types"),
    Format("stripe-secret-key", "sk_live_", ALNUM, 24, name="STRIPE_SECRET_KEY", source="Stripe API keys"),
    Format("sendgrid-api-key", "SG.", ALNUM, 22, name="SENDGRID_API_KEY", middle=".", length2=43,
           source="SendGrid API keys (SG.<22>.<43>)"),
    Format("openai-api-key", "sk-proj-", ALNUM, 74, name="OPENAI_API_KEY", middle="T3BlbkFJ", length2=74,
           source="OpenAI API keys (T3BlbkFJ is base64 of 'OpenAI')"),
    Format("gcp-api-key", "AIza", B64URL, 35, name="GOOGLE_API_KEY", source="Google Cloud API keys"),
    Format("huggingface-access-token", "hf_", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34, name="HF_TOKEN", source="Hugging Face user access tokens"),
    Format("digitalocean-pat", "dop_v1_", HEX, 64, name="DIGITALOCEAN_TOKEN", source="DigitalOcean API tokens"),
    Format("shopify-access-token", "shpat_", HEX, 32, name="SHOPIFY_TOKEN", source="Shopify access tokens"),
    Format("pypi-upload-token", "".join(["pypi-", "AgEI", "cHlwaS5vcmc"]), B64URL, 60, name="PYPI_TOKEN", source="PyPI API tokens"),
    Format("anthropic-api-key", "sk-ant-api03-", B64URL, 93, name="ANTHROPIC_API_KEY", suffix="AA", source="Anthropic API keys"),
    Format("generic-password", "", ALNUM + "!#%", 18, name="DB_PASSWORD", source="(generic assignment)"),
    Format("generic-api-key", "", ALNUM, 32, name="PAYMENTS_API_KEY", source="(generic assignment)"),
]

# Slack bot tokens have three parts; build them specially.
def slack_bot(rng: random.Random) -> str:
    return "xoxb-" + "".join(rng.choice(DIGITS) for _ in range(12)) + "-" + \
        "".join(rng.choice(DIGITS) for _ in range(13)) + "-" + "".join(rng.choice(ALNUM) for _ in range(24))


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
    pct = value.replace("_", "%5F").replace("-", "%2D").replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
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


@dataclass
class Corpus:
    root: Path
    planted: list[Planted] = field(default_factory=list)
    decoys: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, line) -> decoy type


def generate(root: Path, rng: random.Random, per_format: int) -> Corpus:
    corpus = Corpus(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    kinds = list(CONTEXTS)
    n = 0
    for fmt in FORMATS:
        for i in range(per_format):
            value = slack_bot(rng) if fmt.type == "slack-bot-token" else fmt.make(rng)
            kind = kinds[(n + i) % len(kinds)]
            line, head, tail = CONTEXTS[kind]
            text = head.format() + line.format(name=fmt.name, lname=fmt.name.lower(), value=value) + tail.format()
            path = f"src/{fmt.type}/{i}.{kind}"
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
            corpus.planted.append(Planted(fmt.type, path, value))
            n += 1
        # One of each encoding per provider format (generic values are left plain).
        if not fmt.type.startswith("generic"):
            for how, line in encoded_variants(fmt.make(rng) if fmt.type != "slack-bot-token" else slack_bot(rng), fmt.name):
                value = secret_of(line, how, fmt)
                path = f"encoded/{fmt.type}/{how}.txt"
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_text("# settings\n" + line)
                corpus.planted.append(Planted(fmt.type, path, value, how))
        broken = fmt.broken(rng)
        if broken:
            path = f"decoys/{fmt.type}/wrong-checksum.env"
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(f"{fmt.name}={broken}\n")
            corpus.decoys[(path, 1)] = "wrong-checksum"
    for i, (kind, line) in enumerate(DECOYS):
        path = f"decoys/{kind}/{i}.txt"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("# config\n" + line)
        corpus.decoys[(path, 2)] = kind
    return corpus


def secret_of(line: str, how: str, fmt: Format) -> str:
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
    """Per-type counts {type: [tp, fp, fn]} and the unmatched findings."""
    counts: dict[str, list[int]] = {}
    def bump(t, i):
        counts.setdefault(t, [0, 0, 0])[i] += 1
    found = set()
    for f in findings:
        # A history finding is one secret with every place it was introduced.
        places = [path_of(f)] + [loc["path"] for loc in f.get("locations", [])]
        matches = [p for p in corpus.planted if p.path in places and p.secret == f.get("secret")]
        for match in matches:
            if (match.path, match.secret) not in found:
                found.add((match.path, match.secret))
                bump(match.type, 0)
        if matches:
            continue
        decoy = corpus.decoys.get((path_of(f), f["line"]))
        bump(decoy or "unlabelled", 1)
    missed = []
    for p in corpus.planted:
        if (p.path, p.secret) not in found:
            bump(p.type, 2)
            missed.append(f"{p.type} {p.path} ({p.how})")
    return counts, {"missed": missed}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(report: Report, title: str, counts: dict) -> float:
    report.say(f"## {title}")
    rows = []
    tot = [0, 0, 0]
    for t in sorted(counts):
        tp, fp, fn = counts[t]
        tot = [a + b for a, b in zip(tot, counts[t])]
        p, r, f = prf(tp, fp, fn)
        rows.append([t, str(tp), str(fp), str(fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    p, r, f = prf(*tot)
    rows.append(["overall", *map(str, tot), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    report.table(["type", "TP", "FP", "FN", "precision", "recall", "F1"], rows)
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
        missing = [f.type for f in FORMATS if f.type not in rules]
        report.say(f"corpus: {len(corpus.planted)} planted secrets ({len(FORMATS)} formats, "
                   f"{per_format} plain each in {len(CONTEXTS)} file kinds, 4 encodings per provider format), "
                   f"{len(corpus.decoys)} decoys; formats with no built-in rule: {', '.join(missing) or 'none'}")
        report.say("THIS IS OUR OWN CORPUS, generated from the formats we wrote rules for: it checks "
                   "that keyhound does what we meant, not how it does on data nobody here wrote.")
        report.say("")
        tree = scan(binary, [".", "--no-git"], corpus.root)
        counts, extra = score(corpus, tree, lambda f: f["path"])
        f_tree = table(report, "tree (keyhound scan DIR --no-git)", counts)
        for miss in extra["missed"]:
            report.say(f"missed (tree): {miss}")
        for f in tree:
            if not any(p.path == f["path"] and p.secret == f.get("secret") for p in corpus.planted):
                report.say(f"false positive (tree): {f['path']}:{f['line']} {f['rule']}")
        repo = work / "repo"
        history_repo(corpus, repo)
        hist = scan(binary, ["--history", "."], repo)
        f_hist = table(report, "history (keyhound scan --history REPO, 4 commits)",
                       score(corpus, hist, lambda f: f["path"])[0])
        report.say(f"target >= 0.98 F1: tree {f_tree:.3f}, history {f_hist:.3f}")
        report.save()
    finally:
        shutil.rmtree(work, ignore_errors=True)
