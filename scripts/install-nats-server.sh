#!/usr/bin/env bash
# Makes a nats-server of at least 2.12 available and prints the path of the binary it settled on.
#
# Order: NATS_SERVER_BINARY, a previous install under .tools/, nats-server on PATH; otherwise, on
# Debian or Ubuntu, the nats-server package of Debian's unstable suite is downloaded through a
# private apt configuration (the system's sources are not changed; the mirror is read from them)
# and unpacked under .tools/. Anywhere else it says how to install one and exits non-zero.
set -euo pipefail

MIN_MAJOR=2
MIN_MINOR=12
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TARGET="$TOOLS/nats-server/nats-server"

log() { echo "install-nats-server: $*" >&2; }

version_of() {
	"$1" --version 2>/dev/null | sed -nE 's/.*v([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' | head -n1
}

new_enough() {
	local v major minor
	v="$(version_of "$1")" || return 1
	[ -n "$v" ] || return 1
	major="${v%%.*}"
	minor="${v#*.}"
	minor="${minor%%.*}"
	[ "$major" -gt "$MIN_MAJOR" ] || { [ "$major" -eq "$MIN_MAJOR" ] && [ "$minor" -ge "$MIN_MINOR" ]; }
}

settle() {
	log "using $1 (v$(version_of "$1"))"
	echo "$1"
	exit 0
}

if [ -n "${NATS_SERVER_BINARY:-}" ] && [ -x "$NATS_SERVER_BINARY" ] && new_enough "$NATS_SERVER_BINARY"; then
	settle "$NATS_SERVER_BINARY"
fi
if [ -x "$TARGET" ] && new_enough "$TARGET"; then
	settle "$TARGET"
fi
if command -v nats-server >/dev/null 2>&1; then
	found="$(command -v nats-server)"
	if new_enough "$found"; then
		settle "$found"
	fi
	log "$found is v$(version_of "$found"), older than $MIN_MAJOR.$MIN_MINOR; fetching a newer one"
fi

how_to_install() {
	cat >&2 <<MSG
install-nats-server: no nats-server $MIN_MAJOR.$MIN_MINOR or newer was found, and it can only be fetched
automatically on Debian or Ubuntu. Install one of these ways, then run this script again
(or set NATS_SERVER_BINARY to the binary):
  - Homebrew:        brew install nats-server
  - release archive: https://github.com/nats-io/nats-server/releases (unpack, put it on PATH)
  - Go:              go install github.com/nats-io/nats-server/v2@latest
  - a container:     docker run -p 4222:4222 nats:latest -js   (then CIM_NATS_URL=nats://127.0.0.1:4222)
MSG
	exit 1
}

command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 || how_to_install
[ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release || how_to_install

# The mirror comes from the system's own apt sources (deb822 .sources or one-line .list files).
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
	[ -r "$f" ] || continue
	mirror="$(sed -nE 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p' "$f" | grep -v -- '-security' | grep -iE '/(debian|ubuntu)/?$' | head -n1 || true)"
	[ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
	mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
		| sed -nE 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' \
		| grep -v -- '-security' | head -n1 || true)"
fi
[ -n "$mirror" ] || { log "could not read a mirror address from /etc/apt sources"; how_to_install; }
if ! grep -qi debian <<<"$mirror"; then
	# Ubuntu's archive does not carry Debian's unstable suite.
	log "the system mirror $mirror is not a Debian mirror"
	how_to_install
fi

arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc/preferences.d" "$work/etc/sources.list.d"
# Debian's archive key checks the unstable suite as it does stable; without the keyring, trust the mirror.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ -r "$keyring" ]; then
	echo "deb [signed-by=$keyring] ${mirror%/} sid main" >"$work/etc/sources.list"
else
	echo "deb [trusted=yes] ${mirror%/} sid main" >"$work/etc/sources.list"
fi
: >"$work/status"
apt_opts=(
	-o "Dir::Etc::SourceList=$work/etc/sources.list"
	-o "Dir::Etc::SourceParts=$work/etc/sources.list.d"
	-o "Dir::Etc::Preferences=$work/etc/preferences"
	-o "Dir::Etc::PreferencesParts=$work/etc/preferences.d"
	-o "Dir::State::Lists=$work/lists"
	-o "Dir::State::Status=$work/status"
	-o "Dir::Cache=$work/cache"
	-o "APT::Architecture=$arch"
	-o "Acquire::Languages=none"
	-o "APT::Sandbox::User=root"
	-o "Debug::NoLocking=1"
)
log "fetching the nats-server package of Debian unstable from $mirror"
apt-get "${apt_opts[@]}" -qq update >&2
(cd "$work" && apt-get "${apt_opts[@]}" -qq download nats-server >&2)
deb="$(ls "$work"/nats-server_*.deb 2>/dev/null | head -n1)"
[ -n "$deb" ] || { log "apt-get download produced no package"; how_to_install; }
dpkg -x "$deb" "$work/unpacked"
mkdir -p "$(dirname "$TARGET")"
install -m 0755 "$work/unpacked/usr/sbin/nats-server" "$TARGET"
new_enough "$TARGET" || { log "the downloaded $TARGET is v$(version_of "$TARGET"), older than $MIN_MAJOR.$MIN_MINOR"; how_to_install; }
settle "$TARGET"
