#!/usr/bin/env bash
# Runs the JMH benchmark suite (cim-persistence-benchmarks) and regenerates docs/benchmarks.md.
#
# Every benchmark is paired with a raw jnats baseline doing the same network work; each
# benchmark's fork starts its own embedded nats-server, so nothing needs to be running. It
# makes a nats-server available (scripts/install-nats-server.sh), builds the library and the
# benchmarks, runs JMH (1 fork, 2 x 2 s warm-up, 3 x 3 s measurement: about 10 minutes on
# 2 cores), writes the raw results to cim-persistence-benchmarks/target/jmh-results.json and
# the table to docs/benchmarks.md.
#
#   scripts/benchmark.sh                 # the whole suite
#   scripts/benchmark.sh SaveBenchmarks  # only benchmarks matching a JMH regexp
#   JMH_ARGS="-wi 1 -i 1 -r 1s" scripts/benchmark.sh   # shorter runs (overrides the defaults)
#
# Set SKIP_BUILD=1 to use the last build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { echo "benchmark: $*" >&2; }

command -v java >/dev/null 2>&1 || { log "java 17 or newer is needed on PATH"; exit 1; }
NATS_SERVER_BINARY="$(bash scripts/install-nats-server.sh)"
export NATS_SERVER_BINARY

MODULE="cim-persistence-benchmarks"
if [ -z "${SKIP_BUILD:-}" ]; then
	log "building the library and the benchmarks"
	./mvnw -B -ntp -q -DskipTests -Dspring-javaformat.skip=true -pl "$MODULE" -am package
fi

# JMH runs from a copy of the classes, so that a build meanwhile cannot change them under it.
RUN_DIR="$MODULE/target/benchmark-run"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
cp -r "$MODULE/target/classes" "$RUN_DIR/classes"
CLASSPATH_FILE="$MODULE/target/benchmark-classpath.txt"
[ -s "$CLASSPATH_FILE" ] || { log "$CLASSPATH_FILE is missing: build without SKIP_BUILD"; exit 1; }
CP="$RUN_DIR/classes:$(cat "$CLASSPATH_FILE")"
RESULTS="$MODULE/target/jmh-results.json"

# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main -f 1 ${JMH_ARGS:--wi 2 -w 2s -i 3 -r 3s} \
	-rf json -rff "$RESULTS" "${@:-dev.cim.persistence.benchmarks.}"

cpu="$(sed -nE 's/^model name[[:space:]]*:[[:space:]]*(.*)/\1/p' /proc/cpuinfo 2>/dev/null | head -n1 || true)"
memory="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
server_version="$("$NATS_SERVER_BINARY" --version 2>/dev/null | head -n1 || true)"
java -cp "$CP" \
	-Dcim.machine.cpu="${cpu:-unknown}" \
	-Dcim.machine.cores="$(nproc 2>/dev/null || echo unknown)" \
	-Dcim.machine.memory="${memory:-unknown}" \
	-Dcim.nats-server.version="${server_version:-unknown}" \
	-Dcim.command="scripts/benchmark.sh${*:+ $*}${JMH_ARGS:+ (JMH_ARGS=$JMH_ARGS)}" \
	dev.cim.persistence.benchmarks.BenchmarkReport "$RESULTS" docs/benchmarks.md
log "results: $RESULTS; table: docs/benchmarks.md"
