#!/usr/bin/env bash
# The e-commerce demo on a 3-member cluster on this machine (127.0.0.1 only):
# 10,000 products, 1,000 pricing/promotion rules plus payment rules, bulk re-pricing, orders through
# upsertAndEvaluate, one member killed mid-run, a hot rule change. Options are passed to the demo command
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
PIDS=()

stop_members() {
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  # members leave gracefully on SIGTERM; wait for them (they are disowned, so poll)
  for _ in $(seq 1 120); do
    local alive=""
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    [[ -z "$alive" ]] && return
    sleep 0.5
  done
}
trap stop_members EXIT

echo "starting 3 members of cluster $CLUSTER_NAME on $MEMBERS (logs in $LOG_DIR)"
for i in 0 1 2; do
  HZ_CLUSTERNAME="$CLUSTER_NAME" HZ_NETWORK_PORT_PORT="${PORTS[$i]}" RULEGRID_MEMBERS="$MEMBERS" \
    java "${JAVA_OPTS_RULEGRID[@]}" -Xmx1g -jar "$NODE_JAR" --config "$ROOT/config" > "$LOG_DIR/member-$i.log" 2>&1 &
  PIDS+=("$!")
  disown "$!"  # the demo kills one of them on purpose; no job-control notice for it
done
for i in 0 1 2; do
  for _ in $(seq 1 120); do
    grep -q "is up" "$LOG_DIR/member-$i.log" 2>/dev/null && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "member $i failed to start:" >&2; tail -20 "$LOG_DIR/member-$i.log" >&2; exit 1; }
    sleep 1
  done
done

java "${JAVA_OPTS_RULEGRID[@]}" -jar "$DEMO_JAR" --cluster "$MEMBERS" --cluster-name "$CLUSTER_NAME" \
  --kill-member-pid "${PIDS[2]}" "$@"
