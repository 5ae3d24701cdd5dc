# Shared by the scripts: paths, JVM flags, and building the jars when they are missing or stale.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI_JAR="$ROOT/cli/target/rulegrid-cli-0.1.0-SNAPSHOT-cli.jar"
DEMO_JAR="$ROOT/demo/target/rulegrid-demo-0.1.0-SNAPSHOT-demo.jar"
NODE_JAR="$ROOT/grid-node/target/rulegrid-grid-node-0.1.0-SNAPSHOT-node.jar"

# The parent pom's rulegrid.jvm.opens (Hazelcast's module opens on Java 17, and a common pool of more than
# one thread: on two cores Hazelcast would otherwise start a thread per completed call), plus a serial filter
# that refuses arbitrary Java deserialization in the whole JVM (Kafka's TopicPartition is what the pipelines'
# snapshots hold besides JDK and Hazelcast classes: a job could not be restored without it).
JAVA_OPTS_RULEGRID=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  -Djava.util.concurrent.ForkJoinPool.common.parallelism=8
  "-Djdk.serialFilter=java.**;javax.**;com.hazelcast.**;io.rulegrid.**;org.apache.kafka.common.TopicPartition;!*")

require_tools() {
  command -v java >/dev/null || { echo "java (17+) is required on PATH" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "mvn (Maven 3.8+) is required on PATH" >&2; exit 1; }
}

# Builds the command, demo and member jars if one is missing or older than any source, config or pom.
ensure_jars() {
  local stale=""
  for jar in "$CLI_JAR" "$DEMO_JAR" "$NODE_JAR"; do
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/config" "$ROOT"/{api,rules,grid-wire,grid-node,dev-services,client,cli,demo}/{pom.xml,src} \
        -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
      stale=1
    fi
  done
  if [[ -n "$stale" ]]; then
    require_tools
    echo "building RuleGrid (mvn package)..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl cli,demo,grid-node -am) >&2
  fi
}
