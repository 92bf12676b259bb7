#!/usr/bin/env bash
# Everything CI runs: makes a nats-server of at least 2.12 available, then builds and runs
# every test (unit and integration) with the Maven wrapper.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ -z "${CIM_NATS_URL:-}" ]; then
	NATS_SERVER_BINARY="$(bash scripts/install-nats-server.sh)"
	export NATS_SERVER_BINARY
fi
exec ./mvnw -B -ntp verify "$@"
