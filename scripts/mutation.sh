#!/usr/bin/env bash
# Mutation testing (PIT) of the store's core packages: compiles the autoconfigure module, runs
# PIT on the classes below against the tests below, and prints the test strength per package
# (mutants killed / mutants that some test reaches). Not part of CI's default run (scripts/test.sh).
#
#   scripts/mutation.sh                     # the packages below
#   TARGET_CLASSES='dev.cim.persistence.ipld.*' TARGET_TESTS='dev.cim.persistence.ipld.*' scripts/mutation.sh
#
# Extra arguments go to Maven (for example -o). The HTML report is written to
# cim-persistence-spring-boot-autoconfigure/target/pit-reports/index.html. See docs/mutation-testing.md.
set -euo pipefail

# Classes to mutate (comma-separated globs). Globs that match nothing are ignored.
TARGET_CLASSES="${TARGET_CLASSES:-\
dev.cim.persistence.ipld.*,\
dev.cim.persistence.event.*,\
dev.cim.persistence.nats.*,\
dev.cim.persistence.routing.*,\
dev.cim.persistence.repository.support.ChainVerifi*,\
dev.cim.persistence.repository.ChainVerification*,\
dev.cim.persistence.repository.support.Event*Appender*,\
dev.cim.persistence.repository.support.*Loader*}"

# Tests that may kill them (comma-separated globs). Slow cluster and fault tests are excluded in
# the pom (excludedTestClasses dev.cim.persistence.faults.*).
TARGET_TESTS="${TARGET_TESTS:-\
dev.cim.persistence.ipld.*,\
dev.cim.persistence.event.*,\
dev.cim.persistence.nats.*,\
dev.cim.persistence.routing.*,\
dev.cim.persistence.repository.*}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODULE=cim-persistence-spring-boot-autoconfigure

if [ -z "${CIM_NATS_URL:-}" ] && [ -z "${NATS_SERVER_BINARY:-}" ]; then
	NATS_SERVER_BINARY="$(bash scripts/install-nats-server.sh)"
	export NATS_SERVER_BINARY
fi
export CIM_PROJECT_ROOT="$ROOT"

./mvnw -B -ntp -pl "$MODULE" test-compile org.pitest:pitest-maven:mutationCoverage \
	-DtargetClasses="$TARGET_CLASSES" -DtargetTests="$TARGET_TESTS" "$@"

python3 - "$MODULE/target/pit-reports/mutations.xml" <<'PY'
import sys, collections, xml.etree.ElementTree as ET

counts = collections.defaultdict(collections.Counter)
for m in ET.parse(sys.argv[1]).getroot().iter("mutation"):
    cls = m.findtext("mutatedClass")
    package = cls.rsplit(".", 1)[0].removeprefix("dev.cim.persistence.")
    counts[package][m.get("status")] += 1

def row(name, c):
    total = sum(c.values())
    uncovered = c["NO_COVERAGE"] + c["NON_VIABLE"]
    detected = c["KILLED"] + c["TIMED_OUT"] + c["MEMORY_ERROR"] + c["RUN_ERROR"]
    covered = total - uncovered
    strength = 100.0 * detected / covered if covered else 0.0
    print(f"| {name} | {total} | {detected} | {c['SURVIVED']} | {c['NO_COVERAGE']} | {strength:.1f}% |")

print()
print("| package | mutants | killed | survived | no coverage | test strength |")
print("|---|---:|---:|---:|---:|---:|")
allc = collections.Counter()
for package in sorted(counts):
    row(package, counts[package])
    allc.update(counts[package])
row("all", allc)
PY
