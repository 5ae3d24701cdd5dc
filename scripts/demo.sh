#!/usr/bin/env bash
# The e-commerce demo on a 3-member cluster on this machine (127.0.0.1 only):
# 10,000 products, 1,000 pricing/promotion rules plus payment rules, bulk re-pricing, orders through
# upsertAndEvaluate, one member killed mid-run, a hot rule change, then a day of 50,000 orders through a Kafka
# pipeline. The first member runs an embedded PostgreSQL and an embedded Kafka broker (rulegrid node --embedded,
# data in ./data or $RULEGRID_DATA_DIR) that all three use. The members read config/ plus the demo's pipeline
# (below). Options are passed to the demo command
# (`scripts/demo.sh --help`); `scripts/demo.sh --offline` runs the rules without a cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_jars

if [[ " $* " == *" --offline "* || " $* " == *" --help "* ]]; then
  exec java "${JAVA_OPTS_RULEGRID[@]}" -jar "$DEMO_JAR" "$@"
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

CLUSTER_NAME="rulegrid-demo-$$"
PORTS=("$(free_port)" "$(free_port)" "$(free_port)")
MEMBERS="127.0.0.1:${PORTS[0]},127.0.0.1:${PORTS[1]},127.0.0.1:${PORTS[2]}"
LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rulegrid-demo.XXXXXX")"
# rulesets and the persistent namespaces (products, orders, customers) are kept here across runs
DATA_DIR="${RULEGRID_DATA_DIR:-$ROOT/data}"
PIDS=()

# The demo's pipeline (docs/pipelines.md): events of EVENTS_TOPIC upsert orders and are evaluated with the payment
# rules on the order's owner; what the rules emit goes to DECISIONS_TOPIC, events that cannot be applied to
# DEAD_LETTER_TOPIC. The shipped config/rulegrid.yaml has no pipelines, so that a member started from it keeps Jet off
# and needs no Kafka (docs/security.md); the demo's members read a copy of config/ with this section added.
EVENTS_TOPIC=order-events
DECISIONS_TOPIC=order-decisions
DEAD_LETTER_TOPIC=order-events-dead
MEMBER_CONFIG="$LOG_DIR/config"
mkdir -p "$MEMBER_CONFIG"
cp "$ROOT/config/hazelcast.yaml" "$MEMBER_CONFIG/"
if grep -qE '^(pipelines|kafka):' "$ROOT/config/rulegrid.yaml"; then
  echo "config/rulegrid.yaml has a pipelines: or kafka: section; the demo adds its own, remove that one first" >&2
  exit 1
fi
{
  cat "$ROOT/config/rulegrid.yaml"
  cat <<EOF
#
# added by scripts/demo.sh: the day's orders through Kafka. No kafka: section: member 0 uses its embedded broker,
# the others get its address as KAFKA_BROKERS.
pipelines:
  orders:
    topic: $EVENTS_TOPIC
    namespace: orders
    ruleset: payments
    decisions-topic: $DECISIONS_TOPIC
    dead-letter-topic: $DEAD_LETTER_TOPIC
EOF
} > "$MEMBER_CONFIG/rulegrid.yaml"
# member 0's pipeline uses its embedded broker only when no other Kafka is given
unset KAFKA_BROKERS

stop_pids() {
  for pid in "$@"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  # members leave gracefully on SIGTERM; wait for them (they are disowned, so poll)
  for _ in $(seq 1 240); do
    local alive=""
    for pid in "$@"; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    # `return 0`, not `return`: in a function run by the EXIT trap, a bare return gives the status of the command
    # that made the script exit, and errexit would then end the trap before member 0 (and PostgreSQL) is stopped
    [[ -z "$alive" ]] && return 0
    sleep 0.5
  done
}
# member 0 runs the embedded PostgreSQL: it stops last, after the others have written what they hold
stop_members() {
  (( ${#PIDS[@]} > 1 )) && stop_pids "${PIDS[@]:1}"
  (( ${#PIDS[@]} > 0 )) && stop_pids "${PIDS[0]}"
}
trap stop_members EXIT

start_member() {  # index, extra arguments...
  local i="$1"; shift
  HZ_CLUSTERNAME="$CLUSTER_NAME" HZ_NETWORK_PORT_PORT="${PORTS[$i]}" RULEGRID_MEMBERS="$MEMBERS" \
    java "${JAVA_OPTS_RULEGRID[@]}" -Xmx1g -jar "$NODE_JAR" --config "$MEMBER_CONFIG" "$@" > "$LOG_DIR/member-$i.log" 2>&1 &
  PIDS+=("$!")
  disown "$!"  # the demo kills one of them on purpose; no job-control notice for it
}
await_line() {  # index, pattern
  for _ in $(seq 1 120); do
    grep -q "$2" "$LOG_DIR/member-$1.log" 2>/dev/null && return
    kill -0 "${PIDS[$1]}" 2>/dev/null || { echo "member $1 failed to start:" >&2; tail -20 "$LOG_DIR/member-$1.log" >&2; exit 1; }
    sleep 1
  done
  echo "member $1 did not start within 2 minutes:" >&2; tail -20 "$LOG_DIR/member-$1.log" >&2; exit 1
}

echo "starting 3 members of cluster $CLUSTER_NAME on $MEMBERS (logs in $LOG_DIR, data in $DATA_DIR)"
start_member 0 --embedded --data-dir "$DATA_DIR"
await_line 0 "embedded PostgreSQL"
read -r PG_URL PG_USER PG_PASSWORD < <(sed -n 's/^embedded PostgreSQL \([^ ]*\) user \([^ ]*\) password \([^ ]*\) .*/\1 \2 \3/p' "$LOG_DIR/member-0.log")
export RULEGRID_PG_URL="$PG_URL" RULEGRID_PG_USER="$PG_USER" RULEGRID_PG_PASSWORD="$PG_PASSWORD"
await_line 0 "embedded Kafka"
KAFKA_BROKERS="$(sed -n 's/^embedded Kafka \([^ ]*\) .*/\1/p' "$LOG_DIR/member-0.log")"
# members 1 and 2 run the same pipeline against member 0's broker, and the demo sends to it
export KAFKA_BROKERS
# member 0 starts the cluster alone and loads the persisted namespaces before the others join (docs/persistence.md)
await_line 0 "is up"
start_member 1
start_member 2
for i in 1 2; do
  await_line "$i" "is up"
done

java "${JAVA_OPTS_RULEGRID[@]}" -jar "$DEMO_JAR" --cluster "$MEMBERS" --cluster-name "$CLUSTER_NAME" \
  --kill-member-pid "${PIDS[2]}" --brokers "$KAFKA_BROKERS" --events-topic "$EVENTS_TOPIC" \
  --decisions-topic "$DECISIONS_TOPIC" --dead-letter-topic "$DEAD_LETTER_TOPIC" "$@"
