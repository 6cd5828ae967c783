#!/bin/sh
# Installs the keyhound binary for this machine from a GitHub release, after checking its
# SHA-256 against the release's SHA256SUMS. POSIX sh; needs curl or wget, tar, and sha256sum or
# shasum.
#
#   curl -fsSL https://github.com/keyhound/keyhound/releases/latest/download/install.sh | sh
#   sh install.sh [--version 0.2.0] [--dir ~/.local/bin] [--base-url URL]
#
# Environment: KEYHOUND_VERSION, KEYHOUND_INSTALL_DIR, KEYHOUND_BASE_URL,
# KEYHOUND_REPOSITORY (owner/name on GitHub, default keyhound/keyhound).
set -eu

repository="${KEYHOUND_REPOSITORY:-keyhound/keyhound}"
version="${KEYHOUND_VERSION:-latest}"
dir="${KEYHOUND_INSTALL_DIR:-}"
base_url="${KEYHOUND_BASE_URL:-}"

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
        --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir="$2"; shift 2 ;;
        --base-url) [ $# -ge 2 ] || die "--base-url needs a value"; base_url="$2"; shift 2 ;;
        -h | --help)
            sed -n '2,11p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
done
version="${version#v}"

# The asset for this machine: keyhound-<version>-<os>-<arch>.tar.gz
case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    *) die "no keyhound release for $(uname -s); build from source (see README: Install)" ;;
esac
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) if [ "$os" = macos ]; then arch=arm64; else arch=aarch64; fi ;;
    *) die "no keyhound release for $(uname -m); build from source (see README: Install)" ;;
esac
if [ "$os" = macos ] && [ "$arch" != arm64 ]; then
    die "macOS releases are for Apple silicon (arm64) only; build from source on Intel Macs"
fi

if [ -z "$base_url" ]; then
    if [ "$version" = latest ]; then
        base_url="https://github.com/$repository/releases/latest/download"
    else
        base_url="https://github.com/$repository/releases/download/v$version"
    fi
fi

fetch() { # fetch URL FILE
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --proto '=http,https' --retry 2 -o "$2" "$1"
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$2" "$1"
    else
        die "neither curl nor wget is installed"
    fi
}

sha256() { # sha256 FILE -> hex
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        die "neither sha256sum nor shasum is installed: cannot verify the download"
    fi
}

tmp="$(mktemp -d 2>/dev/null || mktemp -d -t keyhound)"
trap 'rm -rf "$tmp"' EXIT INT TERM

fetch "$base_url/SHA256SUMS" "$tmp/SHA256SUMS" || die "could not download $base_url/SHA256SUMS"
# With "latest", the archive's name carries the version: take it from the checksum list.
pattern="keyhound-.*-$os-$arch\\.tar\\.gz"
[ "$version" = latest ] || pattern="keyhound-$(printf '%s' "$version" | sed 's/[.]/\\./g')-$os-$arch\\.tar\\.gz"
line="$(grep -E "^[0-9a-f]{64}  \\*?$pattern\$" "$tmp/SHA256SUMS" | head -n 1 || true)"
[ -n "$line" ] || die "SHA256SUMS lists no archive for $os-$arch (version $version)"
expected="${line%% *}"
asset="${line##* }"
asset="${asset#\*}"

fetch "$base_url/$asset" "$tmp/$asset" || die "could not download $base_url/$asset"
actual="$(sha256 "$tmp/$asset")"
if [ "$actual" != "$expected" ]; then
    die "checksum mismatch for $asset: expected $expected, got $actual; nothing was installed"
fi

mkdir -p "$tmp/unpacked"
tar -xzf "$tmp/$asset" -C "$tmp/unpacked" || die "could not unpack $asset"
binary="$(find "$tmp/unpacked" -type f -name keyhound | head -n 1)"
[ -n "$binary" ] || die "$asset holds no keyhound binary"

if [ -z "$dir" ]; then
    if [ -w /usr/local/bin ]; then dir=/usr/local/bin; else dir="$HOME/.local/bin"; fi
fi
mkdir -p "$dir" || die "cannot create $dir"
# Copy beside the target, then rename: a running keyhound is never half-overwritten.
cp "$binary" "$dir/.keyhound.install.$$" && chmod 755 "$dir/.keyhound.install.$$" \
    && mv -f "$dir/.keyhound.install.$$" "$dir/keyhound" || die "cannot write $dir/keyhound"
say "installed $("$dir/keyhound" version 2>/dev/null || echo keyhound) to $dir/keyhound (sha256 $actual)"
case ":$PATH:" in
    *":$dir:"*) ;;
    *) say "note: $dir is not on PATH" ;;
esac
