#!/usr/bin/env bash
# Benchmarks (never tests): prints a table of side-by-side ratios and writes perf/results/<suite>.json.
#   scripts/bench.sh rules [--iterations N] [--warmup N]
#       JMH: RuleGrid vs Easy Rules 4.1 on the catalog, range and mixed workloads, 10 to 10,000 rules, plus
#       compile time and retained heap of 10,000 rules (~10 min; N measured / warm-up iterations, default 5 / 5)
#   scripts/bench.sh grid  [--seconds N]      3 members + 1 client: co-located vs get-evaluate-put (~2 min)
#   scripts/bench.sh persist [--seconds N]    upsertAndEvaluate on a PostgreSQL-persisted namespace vs an in-memory
#                                             one, and the write-behind drain rate (~2 min)
#   scripts/bench.sh facts [--seconds N] [--tbf RATE]
#       co-located vs get-evaluate-put over facts of ~170 B, ~4.5 KB and ~36 KB: throughput, latency and bytes sent
#       per evaluation (~3 min at the default 5 s per phase). --tbf 1gbit runs the JVM in a network namespace of its
#       own whose loopback is limited to that rate (tc tbf); needs root, unshare and tc (iproute2)
#   scripts/bench.sh bulk [--seconds N] [--sizes N,N]
#       1 member vs 3 (co-located evaluate throughput, evaluateAll time) over 10,000 products, then evaluateAll
#       and heap per million facts in 1 member at 100,000 and 1,000,000 products (--sizes; ~6 min, JVM -Xmx6g)
#   scripts/bench.sh kafka [--seconds N] [--guarantee exactly-once|at-least-once]
#       the Kafka pipeline end to end on an embedded broker, 1 member then 3 (in one JVM, from a rulegrid.yaml with
#       pipelines:), ~100 rules evaluated per event: events/s from send to the decision read by a read_committed
#       consumer, then p50/p99 latency at half that rate (~3 min at the default 20 s per phase). --guarantee writes
#       the pipeline's guarantee: into the members' rulegrid.yaml; without it the key is left out (members' default)
# Any other arguments go to JMH itself, e.g. scripts/bench.sh RangeEvaluation -p ruleCount=1000 -f 1 -wi 1 -i 1
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/bench.sh rules [--iterations N] [--warmup N] | grid [--seconds N] | persist [--seconds N]" \
    "| facts [--seconds N] [--tbf RATE] | bulk [--seconds N] [--sizes N,N]" \
    "| kafka [--seconds N] [--guarantee exactly-once|at-least-once] | <JMH arguments>" >&2; exit 2
fi
BENCH_JAR="$ROOT/perf/target/benchmarks.jar"
if [[ ! -f "$BENCH_JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/{api,dev-services,rules,grid-wire,grid-node,client,cli,testkit,demo,perf}/{pom.xml,src} \
    -newer "$BENCH_JAR" -type f -print -quit 2>/dev/null)" ]]; then
  require_tools
  echo "building benchmarks (mvn package)..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl perf -am) >&2
fi
cd "$ROOT"
# bulk holds a million facts in one member (and their generated copies while they are stored)
HEAP=()
if [[ "$1" == bulk ]]; then HEAP=(-Xmx6g); fi
# JMH talks to its forked JVMs with Java serialization: let its own classes through the serial filter
BENCH=(java "${JAVA_OPTS_RULEGRID[@]}" "${HEAP[@]}" "-Djdk.serialFilter=java.**;javax.**;com.hazelcast.**;io.rulegrid.**;org.openjdk.jmh.**;!*"
  -jar "$BENCH_JAR" "$@")
TBF_RATE=""
for ((i = 1; i < $#; i++)); do
  if [[ "${!i}" == --tbf ]]; then next=$((i + 1)); TBF_RATE="${!next}"; fi
done
if [[ -n "$TBF_RATE" ]]; then
  # a network namespace of its own: its loopback carries only this JVM's traffic (members and client all bind
  # 127.0.0.1), shaped by a token bucket to the given rate
  exec unshare -n sh -c 'ip link set lo up && tc qdisc add dev lo root tbf rate "$0" burst 128kb latency 10ms \
    && exec "$@"' "$TBF_RATE" "${BENCH[@]}"
fi
exec "${BENCH[@]}"
