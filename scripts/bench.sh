#!/usr/bin/env bash
# Benchmarks (never tests): prints a table of side-by-side ratios and writes perf/results/<suite>.json.
#   scripts/bench.sh rules [--iterations N]   JMH: RuleGrid vs Easy Rules 4.1, 10/100/1,000 rules (~5 min)
#   scripts/bench.sh grid  [--seconds N]      3 members + 1 client: co-located vs get-evaluate-put (~2 min)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
case "${1:-}" in
  rules|grid) ;;
  *) echo "usage: scripts/bench.sh rules [--iterations N] | grid [--seconds N]" >&2; exit 2 ;;
esac
BENCH_JAR="$ROOT/perf/target/benchmarks.jar"
if [[ ! -f "$BENCH_JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/{rules,grid-api,grid-node,client,perf}/{pom.xml,src} \
    -newer "$BENCH_JAR" -type f -print -quit 2>/dev/null)" ]]; then
  require_tools
  echo "building benchmarks (mvn package)..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl perf -am) >&2
fi
cd "$ROOT"
# JMH talks to its forked JVMs with Java serialization: let its own classes through the serial filter
exec java "${JAVA_OPTS_RULEGRID[@]}" "-Djdk.serialFilter=java.**;javax.**;com.hazelcast.**;io.rulegrid.**;org.openjdk.jmh.**;!*" \
  -jar "$BENCH_JAR" "$@"
