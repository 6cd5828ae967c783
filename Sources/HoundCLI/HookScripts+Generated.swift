// Generated from hooks/* by `swift run keyhound-embed`. Do not edit.
// swift-format-ignore-file

/// Embedded copies of hooks/*.
public enum HookScripts {
    /// The files, by name.
    public static let files: [String: String] = [
        #"pre-commit"#: #"""
#!/bin/sh
# keyhound pre-commit hook: blocks a commit whose staged changes add a secret.
# Installed by `keyhound hooks install`. Fails closed: if keyhound cannot be found, the commit
# is blocked. Set KEYHOUND to the binary's path if it is not on PATH.
# Bypass once (you take responsibility): git commit --no-verify
KEYHOUND="${KEYHOUND:-keyhound}"
if ! command -v "$KEYHOUND" >/dev/null 2>&1; then
    echo "keyhound pre-commit: '$KEYHOUND' not found; commit blocked." >&2
    echo "  Install keyhound, or set KEYHOUND=/path/to/keyhound, or bypass once with 'git commit --no-verify'." >&2
    exit 1
fi
exec "$KEYHOUND" scan --staged --no-progress

"""#,
        #"pre-push"#: #"""
#!/bin/sh
# keyhound pre-push hook: blocks a push whose new commits add a secret.
# Installed by `keyhound hooks install --pre-push`. Scans exactly the commits being pushed:
# for an existing branch, remote..local; for a new branch, the commits no remote-tracking branch
# of this remote has. Fails closed if keyhound cannot be found.
# Bypass once (you take responsibility): git push --no-verify
KEYHOUND="${KEYHOUND:-keyhound}"
if ! command -v "$KEYHOUND" >/dev/null 2>&1; then
    echo "keyhound pre-push: '$KEYHOUND' not found; push blocked." >&2
    echo "  Install keyhound, or set KEYHOUND=/path/to/keyhound, or bypass once with 'git push --no-verify'." >&2
    exit 1
fi
remote="$1"
zero=0000000000000000000000000000000000000000
commits=$(mktemp "${TMPDIR:-/tmp}/keyhound-push.XXXXXX") || exit 1
trap 'rm -f "$commits"' EXIT INT TERM
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
    case "$local_sha" in *[!0]*) ;; *) continue ;; esac   # branch deletion: nothing to scan
    case "$remote_sha" in
        *[!0]*) git rev-list "$remote_sha..$local_sha" >>"$commits" || status=2 ;;
        *) git rev-list "$local_sha" --not --remotes="$remote" >>"$commits" || status=2 ;;
    esac
done
if [ "$status" -ne 0 ]; then
    echo "keyhound pre-push: could not list the commits being pushed; push blocked." >&2
    exit 1
fi
[ -s "$commits" ] || exit 0
# Not exec: the EXIT trap must still remove the list (the script exits with keyhound's status).
"$KEYHOUND" scan --commits "$commits" --no-progress

"""#,
    ]
}
