#!/usr/bin/env python3
"""The keyhound rotation demo's `notify` command: appends one line per call to
<state>/notifications.log (a stand-in for a chat message or a ticket).

    notify.py WORDS...
"""

import os
import sys
import time

import demo_common as common


def main(argv):
    common.maybe_inject_failure()
    line = "%s %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), " ".join(argv[1:]))
    with common.locked("notifications"):
        with open(os.path.join(common.state_dir(), "notifications.log"), "a", encoding="utf-8") as handle:
            handle.write(line)


if __name__ == "__main__":
    main(sys.argv)
