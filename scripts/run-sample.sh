#!/usr/bin/env bash
# Builds the sample app (an orders service) and starts it on port 8080.
#
# By default the app launches its own nats-server, keeping its data in .data/nats under the
# repository root, so orders survive a restart. Every argument is passed to the app:
#   scripts/run-sample.sh --cim.persistence.nats.url=nats://host:4222    # an existing server
#   scripts/run-sample.sh --server.port=9090
# Set SKIP_BUILD=1 to start the jar built last time without building again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "run-sample: $*" >&2; }

command -v java >/dev/null 2>&1 || { log "java 17 or newer is needed on PATH"; exit 1; }

# An embedded server is launched only when no URL is given; only then is a binary needed.
external_url="${CIM_PERSISTENCE_NATS_URL:-}"
port="${SERVER_PORT:-8080}"
for arg in "$@"; do
	case "$arg" in
		--cim.persistence.nats.url=*) external_url="${arg#*=}" ;;
		--server.port=*) port="${arg#*=}" ;;
	esac
done
if [ -z "$external_url" ]; then
	NATS_SERVER_BINARY="$(bash scripts/install-nats-server.sh)"
	export NATS_SERVER_BINARY
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
	log "building the sample app and the starter"
	./mvnw -q -B -ntp -Dmaven.test.skip=true -Dspring-javaformat.skip=true \
		-pl cim-persistence-sample-app -am package
fi

jar="$(ls cim-persistence-sample-app/target/cim-persistence-sample-app-*.jar 2>/dev/null | head -n1 || true)"
[ -n "$jar" ] || { log "no jar under cim-persistence-sample-app/target: run without SKIP_BUILD"; exit 1; }

mkdir -p .data/nats
if [ -z "$external_url" ]; then
	log "starting $jar on :$port with an embedded nats-server (data in $ROOT/.data/nats)"
else
	log "starting $jar on :$port against $external_url"
fi
# The app's application.yml keeps the embedded server's data in .data/nats of the working directory.
exec java -jar "$jar" "$@"
