#!/usr/bin/env python3
"""The keyhound rotation demo's `verify` command: do consumers get a working key?

    consumer-check.py NAME [EXPECTED_ID]

Checks that the secret store holds a secret for NAME, that the provider considers it an
active key, and, when EXPECTED_ID is given (keyhound passes {new_provider_id}), that it is
that key. When keyhound still holds the new secret (right after distribution) it is on stdin,
and must be the stored one; later (after the grace period, or on resume) stdin is empty and
the check relies on the store and the id alone. Exit 0 when all holds, 1 otherwise.
"""

import importlib.util
import os
import sys

import demo_common as common
import provider


def _store():
    spec = importlib.util.spec_from_file_location("secret_store", os.path.join(common.HERE, "secret-store.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv):
    if len(argv) not in (2, 3):
        common.fail(__doc__.strip(), status=64)
    common.maybe_inject_failure()
    name = argv[1]
    expected = argv[2] if len(argv) == 3 else None
    stored = _store().read(name)
    if stored is None:
        common.fail("the secret store holds nothing for %s" % name)
    offered = sys.stdin.buffer.read().strip()
    if offered and offered != stored:
        common.fail("the secret store does not hold the new secret for %s" % name)
    key_id = provider.key_for(stored)
    if key_id is None:
        common.fail("the secret stored for %s is not an active key at the provider" % name)
    if expected is not None and key_id != expected:
        common.fail("consumers of %s use %s, not %s" % (name, key_id, expected))
    print("ok: %s uses %s, which is active" % (name, key_id))


if __name__ == "__main__":
    main(sys.argv)
