"""Dispatch for `benchmarks/run SUBCOMMAND`."""

from __future__ import annotations

import sys

from common import check_dev_null

import accuracy
import corpus
import findings
import history
import hook
import inventory
import peers
import realcode
import startup
import sweep
import throughput

COMMANDS = {
    "accuracy": accuracy.main,
    "corpus": corpus.main,
    "throughput": throughput.main,
    "startup": startup.main,
    "hook": hook.main,
    "history": history.main,
    "findings": findings.main,
    "inventory": inventory.main,
    "peers": peers.main,
    "sweep": sweep.main,
    "real-code": realcode.main,
}
ALL = ["corpus", "startup", "throughput", "hook", "inventory", "history", "peers", "sweep"]


def main(argv: list[str]) -> None:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        print("usage: benchmarks/run {" + "|".join(list(COMMANDS) + ["all"]) + "}")
        sys.exit(0 if argv else 64)
    name, rest = argv[0], argv[1:]
    check_dev_null()
    if name == "all":
        failed = []
        for each in ALL:
            try:
                COMMANDS[each](rest)
            except (Exception, SystemExit) as error:  # go on with the others
                print(f"benchmarks: {each} failed: {error!r}", file=sys.stderr)
                failed.append(each)
            check_dev_null()
            print()
        if failed:
            print(f"benchmarks: failed: {', '.join(failed)}", file=sys.stderr)
            sys.exit(2)
        return
    if name not in COMMANDS:
        print(f"benchmarks: unknown sub-command {name!r}", file=sys.stderr)
        sys.exit(64)
    COMMANDS[name](rest)
    check_dev_null()


if __name__ == "__main__":
    main(sys.argv[1:])
