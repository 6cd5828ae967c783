#!/usr/bin/env python3
"""A toy key provider for the keyhound rotation demo: it issues and revokes API keys.

It keeps, like a real provider, only a hash of each secret, with the key's id, label and
status, in <state>/provider.json ($KEYHOUND_DEMO_STATE, default .state/ beside this script).

    provider.py create [--label LABEL]  issue a key; print {"secret": "...", "id": "key_..."}
    provider.py revoke ID               revoke a key (revoking a revoked key succeeds: idempotent)
    provider.py status ID               print active or revoked (exit 1 for an unknown id)
    provider.py check                   read a secret on stdin; print the id of its active key
    provider.py list                    print "id status label" for every key
    provider.py bootstrap NAME --inventory FILE
                                        issue a first key, put it in the secret store as NAME,
                                        and write its id and fingerprint into FILE's [[keys]] NAME
"""

import hashlib
import json
import os
import re
import secrets
import sys
import time

import demo_common as common


def _path():
    return os.path.join(common.state_dir(), "provider.json")


def load():
    """The provider's keys: {id: {"hash", "label", "status", "created"}}."""
    return common.load_json(_path(), {"keys": {}})["keys"]


def _save(keys):
    common.write_atomically(_path(), (json.dumps({"keys": keys}, indent=2, sort_keys=True) + "\n").encode())


def issue(label):
    """Issues a key and returns (id, secret bytes)."""
    with common.locked("provider"):
        keys = load()
        key_id = "key_%s" % secrets.token_hex(4)
        secret = ("demo_" + secrets.token_urlsafe(24)).encode()
        keys[key_id] = {
            "hash": hashlib.sha256(secret).hexdigest(),
            "label": label,
            "status": "active",
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _save(keys)
    return key_id, secret


def key_for(secret):
    """The id of the active key whose secret is `secret`, or None."""
    digest = hashlib.sha256(secret).hexdigest()
    for key_id, key in load().items():
        if key["hash"] == digest and key["status"] == "active":
            return key_id
    return None


def revoke(key_id):
    """Revokes `key_id`; True when it exists (revoked now or before)."""
    with common.locked("provider"):
        keys = load()
        if key_id not in keys:
            return False
        keys[key_id]["status"] = "revoked"
        _save(keys)
    return True


def bootstrap(name, inventory):
    """Issues a first key for NAME, stores it, and records its id and fingerprint in `inventory`."""
    key_id, secret = issue("%s-initial" % name)
    store_dir = os.path.join(common.state_dir(), "store")
    os.makedirs(store_dir, mode=0o700, exist_ok=True)
    common.write_atomically(os.path.join(store_dir, name), secret)
    with open(inventory, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    inside = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = False
        if re.match(r'name\s*=\s*"%s"\s*$' % re.escape(name), stripped):
            inside = True
        elif inside and re.match(r"fingerprint\s*=", stripped):
            lines[index] = 'fingerprint = "%s"' % common.fingerprint(secret)
        elif inside and re.match(r"provider_id\s*=", stripped):
            lines[index] = 'provider_id = "%s"' % key_id
    common.write_atomically(inventory, "\n".join(lines).encode(), mode=0o644)
    print("issued %s for %s, stored it, and recorded it in %s" % (key_id, name, inventory))


def main(argv):
    if len(argv) < 2:
        common.fail(__doc__.strip(), status=64)
    command, rest = argv[1], argv[2:]
    common.maybe_inject_failure()
    if command == "create":
        label = rest[1] if len(rest) == 2 and rest[0] == "--label" else ""
        key_id, secret = issue(label)
        print(json.dumps({"secret": secret.decode(), "id": key_id}))
    elif command == "revoke" and len(rest) == 1:
        if not revoke(rest[0]):
            common.fail("no key %s" % rest[0])
        print("revoked %s" % rest[0])
    elif command == "status" and len(rest) == 1:
        key = load().get(rest[0])
        if key is None:
            common.fail("no key %s" % rest[0])
        print(key["status"])
    elif command == "check":
        key_id = key_for(sys.stdin.buffer.read().strip())
        if key_id is None:
            common.fail("that secret is not an active key")
        print(key_id)
    elif command == "list":
        for key_id, key in sorted(load().items(), key=lambda item: item[1]["created"] + item[0]):
            print("%s %s %s" % (key_id, key["status"], key["label"]))
    elif command == "bootstrap" and len(rest) == 3 and rest[1] == "--inventory":
        bootstrap(rest[0], rest[2])
    else:
        common.fail(__doc__.strip(), status=64)


if __name__ == "__main__":
    main(sys.argv)
