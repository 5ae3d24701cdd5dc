package io.rulegrid.node;

import io.rulegrid.devservices.DevService;
import io.rulegrid.devservices.KafkaService;
import io.rulegrid.devservices.PostgresService;
import io.rulegrid.node.config.PostgresConfig;
import io.rulegrid.node.internal.MemberRequirements;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code rulegrid node [--config DIR] [--embedded [--data-dir DIR]]}: runs one member in the foreground until
 * SIGTERM or Ctrl-C, then leaves the cluster gracefully (its partitions migrate to the other members first).
 * Reads {@code DIR/hazelcast.yaml} and {@code DIR/rulegrid.yaml} when present (DIR defaults to {@code config},
 * or {@code RULEGRID_CONFIG_DIR}), Hazelcast's {@code HZ_*} / {@code hz.*} overrides and the
 * {@code RULEGRID_*} variables (see {@link RuleGridNode}). With {@code --embedded} it first starts a PostgreSQL
 * of its own on 127.0.0.1, with its data in {@code DATA_DIR/postgres}, and persists to it, like a database's
 * dev mode, and a Kafka broker on 127.0.0.1, with its data in {@code DATA_DIR/kafka}, whose address it prints for
 * event feeds.
 */
public final class RuleGridNodeMain {

    private RuleGridNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getenv().getOrDefault("RULEGRID_CONFIG_DIR", "config"));
        boolean embedded = false;
        Path dataDir = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("--embedded")) {
                embedded = true;
            } else if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(usage());
                return;
            } else {
                System.err.println("unknown argument '" + args[i] + "'\n" + usage());
                System.exit(2);
            }
        }
        // refuse arbitrary Java deserialization in the whole JVM, not only in Hazelcast's own paths; Kafka's
        // TopicPartition is what the pipelines' snapshots hold besides JDK and Hazelcast classes
        if (System.getProperty("jdk.serialFilter") == null) {
            System.setProperty("jdk.serialFilter", "java.**;javax.**;com.hazelcast.**;io.rulegrid.**;"
                    + MemberRequirements.KAFKA_SNAPSHOT_CLASS + ";!*");
        }
        RuleGridNode.Builder builder = RuleGridNode.builder().environment(System.getenv());
        if (Files.isRegularFile(dir.resolve("hazelcast.yaml"))) {
            builder.hazelcastYaml(dir.resolve("hazelcast.yaml"));
        }
        if (Files.isRegularFile(dir.resolve("rulegrid.yaml"))) {
            builder.rulegridYaml(dir.resolve("rulegrid.yaml"));
        }
        List<DevService> embeddedServices = new ArrayList<>();
        RuleGridNode node;
        try {
            if (embedded) {
                embeddedServices.add(startEmbeddedPostgres(dataDir, builder));
                embeddedServices.add(startEmbeddedKafka(dataDir, builder));
            }
            node = builder.start();
        } catch (RuntimeException e) {
            closeAll(embeddedServices, e);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        node.hazelcast().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        if (embedded) {
            stopMemberBeforeEmbeddedServices(node, embeddedServices);
        }
        System.out.println("rulegrid member " + node.address() + " of cluster "
                + node.hazelcast().getConfig().getClusterName() + " is up");
        stopped.await();
    }

    /** Starts the PostgreSQL of {@code --embedded}, with its data in {@code dataDir/postgres}, and points the member at it. */
    static PostgresService startEmbeddedPostgres(Path dataDir, RuleGridNode.Builder builder) {
        PostgresService postgres = PostgresService.start(dataDir.resolve("postgres"));
        builder.postgres(PostgresConfig.of(postgres.url(), postgres.user(), postgres.password()));
        // scripts/demo.sh reads this line to point the other members at the same PostgreSQL
        System.out.println("embedded PostgreSQL " + postgres.url() + " user " + postgres.user() + " password "
                + postgres.password() + " (data in " + postgres.dataDirectory() + ")");
        return postgres;
    }

    /**
     * Starts the Kafka broker of {@code --embedded}, with its data in {@code dataDir/kafka}, on the port that
     * directory recorded at the first start: the same address from one run to the next. The member's pipelines use
     * it unless {@code KAFKA_BROKERS} or rulegrid.yaml's {@code kafka:} names another Kafka.
     */
    static KafkaService startEmbeddedKafka(Path dataDir, RuleGridNode.Builder builder) {
        KafkaService kafka = KafkaService.start(dataDir.resolve("kafka"));
        builder.fallbackKafka(kafka.url());
        // scripts read this line for the address of the event feeds' broker
        System.out.println("embedded Kafka " + kafka.url() + " (data in " + kafka.dataDirectory() + ")");
        return kafka;
    }

    /**
     * On SIGTERM or Ctrl-C, the member leaves (writing its write-behind queues) before the embedded services stop,
     * the last started first. The JVM's shutdown hooks, Hazelcast's and the services', would run at the same time,
     * and PostgreSQL could be gone before the member has written what it holds, Kafka before it has read or sent
     * what it is at.
     */
    private static void stopMemberBeforeEmbeddedServices(RuleGridNode node, List<DevService> services) {
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> {
                node.close();
                RuntimeException failure = new IllegalStateException("an embedded service did not stop");
                closeAll(services, failure);
                if (failure.getSuppressed().length > 0) {
                    failure.printStackTrace();
                    System.exit(1);
                }
                System.exit(0);
            });
        }
    }

    /** Closes {@code services}, the last started first, adding what fails to {@code failure}. */
    private static void closeAll(List<DevService> services, Throwable failure) {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static String usage() {
        return """
                Usage: rulegrid node [--config DIR] [--embedded [--data-dir DIR]]
                Runs a RuleGrid member until SIGTERM, then leaves the cluster gracefully.
                  --config DIR    directory with hazelcast.yaml (Hazelcast's member configuration, the
                                  namespaces' maps included; the bundled defaults when absent) and
                                  rulegrid.yaml (PostgreSQL, the declared namespaces, which are persistent);
                                  default: config, or $RULEGRID_CONFIG_DIR
                  --embedded      dev mode: start a PostgreSQL of this member's own on 127.0.0.1 and persist
                                  to it, and a Kafka broker on 127.0.0.1 (its address is printed as
                                  'embedded Kafka 127.0.0.1:PORT', the same port at each run on DIR); both
                                  stop after the member
                  --data-dir DIR  where --embedded keeps its data, in DIR/postgres and DIR/kafka;
                                  default: data
                Environment: Hazelcast's overrides, e.g. HZ_CLUSTERNAME, HZ_NETWORK_PORT_PORT
                               (or -Dhz.cluster-name=..., -Dhz.network.port.port=...)
                             RULEGRID_MEMBERS (host[:port],...; replaces the tcp-ip member list)
                             RULEGRID_KUBERNETES_SERVICE_DNS (join through Kubernetes discovery)
                             RULEGRID_PG_URL, RULEGRID_PG_USER, RULEGRID_PG_PASSWORD (the PostgreSQL,
                               over rulegrid.yaml's postgres:)
                             KAFKA_BROKERS (host:port,...; the pipelines' Kafka, over rulegrid.yaml's
                               kafka: and --embedded's broker)""";
    }
}
