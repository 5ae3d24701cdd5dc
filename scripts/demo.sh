#!/usr/bin/env bash
# The e-commerce demo on a 3-member cluster on this machine (127.0.0.1 only):
# 10,000 products, 1,000 pricing/promotion rules plus payment rules, bulk re-pricing, orders through
# upsertAndEvaluate, one member killed mid-run, a hot rule change. The first member runs an embedded PostgreSQL
# (rulegrid node --embedded, data in ./data or $RULEGRID_DATA_DIR) that all three persist to. Options are passed
# to the demo command
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
    java "${JAVA_OPTS_RULEGRID[@]}" -Xmx1g -jar "$NODE_JAR" --config "$ROOT/config" "$@" > "$LOG_DIR/member-$i.log" 2>&1 &
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
# member 0 starts the cluster alone and loads the persisted namespaces before the others join (docs/persistence.md)
await_line 0 "is up"
start_member 1
start_member 2
for i in 1 2; do
  await_line "$i" "is up"
done

java "${JAVA_OPTS_RULEGRID[@]}" -jar "$DEMO_JAR" --cluster "$MEMBERS" --cluster-name "$CLUSTER_NAME" \
  --kill-member-pid "${PIDS[2]}" "$@"
