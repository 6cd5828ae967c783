#!/usr/bin/env python3
"""A toy secret store for the keyhound rotation demo: where consumers read their keys.

Each secret is one file, <state>/store/NAME, readable by its owner only, replaced atomically.
This is the one place the demo's secrets legitimately live.

    secret-store.py put NAME          read the secret from stdin and store it as NAME
    secret-store.py get NAME          print the secret stored as NAME
    secret-store.py fingerprint NAME  print sha256:<hex> of the secret stored as NAME
"""

import os
import sys

import demo_common as common


def path(name):
    """The file holding NAME's secret (names are plain words: no slashes, no leading dot)."""
    if not name or "/" in name or name.startswith("."):
        common.fail("bad secret name %r" % name, status=64)
    folder = os.path.join(common.state_dir(), "store")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, name)


def read(name):
    """The secret stored as NAME (bytes), or None."""
    try:
        with open(path(name), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def main(argv):
    if len(argv) != 3:
        common.fail(__doc__.strip(), status=64)
    command, name = argv[1], argv[2]
    common.maybe_inject_failure()
    if command == "put":
        secret = sys.stdin.buffer.read().strip()
        if not secret:
            common.fail("nothing on stdin: the secret must arrive on stdin")
        common.maybe_pause()
        with common.locked("store"):
            common.write_atomically(path(name), secret)
        print("stored %s (%s)" % (name, common.fingerprint(secret)[:19]))
    elif command in ("get", "fingerprint"):
        secret = read(name)
        if secret is None:
            common.fail("no secret named %s" % name)
        if command == "get":
            sys.stdout.buffer.write(secret + b"\n")
        else:
            print(common.fingerprint(secret))
    else:
        common.fail(__doc__.strip(), status=64)


if __name__ == "__main__":
    main(sys.argv)
