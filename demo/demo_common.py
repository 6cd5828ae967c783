"""Shared helpers of the keyhound rotation demo scripts (provider, secret store, checks).

Everything lives in one state folder: $KEYHOUND_DEMO_STATE, or `.state/` beside the scripts.
Writes are atomic (temporary file + rename) and serialised with a lock file, so the scripts
behave like small, well-behaved services. Nothing here is meant for production.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def state_dir():
    """The demo's state folder, created on first use."""
    path = os.environ.get("KEYHOUND_DEMO_STATE") or os.path.join(HERE, ".state")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


@contextlib.contextmanager
def locked(name):
    """Holds an exclusive lock on `<state>/<name>.lock` for the duration of the block."""
    with open(os.path.join(state_dir(), name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomically(path, data, mode=0o600):
    """Replaces `path` with `data` (bytes) so readers see the old or the new content, never a mix."""
    temporary = path + ".tmp-%d" % os.getpid()
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(temporary, path)


def load_json(path, default):
    """The JSON document at `path`, or `default` when there is none."""
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return default


def fingerprint(secret):
    """`sha256:<hex>` of the secret's bytes: the fingerprint keyhound writes to the inventory."""
    return "sha256:" + hashlib.sha256(secret).hexdigest()


def fail(message, status=1):
    """Prints `message` on stderr and exits with `status`."""
    print("demo: " + message, file=sys.stderr)
    sys.exit(status)


def maybe_inject_failure():
    """Fails on purpose when the keyhound step running us is listed in $KEYHOUND_DEMO_FAIL.

    keyhound sets KEYHOUND_ROTATION_STEP (create, distribute, verify, confirm, revoke-old,
    revoke-new, notify) for every command, so `KEYHOUND_DEMO_FAIL=distribute` makes the
    distribution fail and lets you watch the rollback. `KEYHOUND_DEMO_HANG=<step>` makes the
    command hang instead (keyhound's per-step timeout stops it).
    """
    step = os.environ.get("KEYHOUND_ROTATION_STEP", "")
    if step and step in os.environ.get("KEYHOUND_DEMO_FAIL", "").split(","):
        fail("injected failure in step %s" % step)
    if step and step in os.environ.get("KEYHOUND_DEMO_HANG", "").split(","):
        import time

        time.sleep(3600)


def maybe_pause():
    """Sleeps when $KEYHOUND_DEMO_SLOW names the keyhound step running us: `distribute=5` makes
    the secret store wait 5 seconds after reading the secret and before storing it, the window in
    which a test kills keyhound and watches what becomes of the step (and of the store)."""
    step = os.environ.get("KEYHOUND_ROTATION_STEP", "")
    for item in os.environ.get("KEYHOUND_DEMO_SLOW", "").split(","):
        name, _, seconds = item.partition("=")
        if step and name == step:
            import time

            time.sleep(float(seconds or "5"))
