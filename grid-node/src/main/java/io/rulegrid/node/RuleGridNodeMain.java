package io.rulegrid.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code rulegrid node [--config DIR]}: runs one member in the foreground until SIGTERM or Ctrl-C, then
 * leaves the cluster gracefully (its partitions migrate to the other members first). Reads
 * {@code DIR/hazelcast.yaml} and {@code DIR/rulegrid.yaml} when present (DIR defaults to {@code config},
 * or {@code RULEGRID_CONFIG_DIR}), Hazelcast's {@code HZ_*} / {@code hz.*} overrides and the
 * {@code RULEGRID_*} variables (see {@link RuleGridNode}).
 */
public final class RuleGridNodeMain {

    private RuleGridNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getenv().getOrDefault("RULEGRID_CONFIG_DIR", "config"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(usage());
                return;
            } else {
                System.err.println("unknown argument '" + args[i] + "'\n" + usage());
                System.exit(2);
            }
        }
        // refuse arbitrary Java deserialization in the whole JVM, not only in Hazelcast's own paths
        if (System.getProperty("jdk.serialFilter") == null) {
            System.setProperty("jdk.serialFilter", "java.**;javax.**;com.hazelcast.**;io.rulegrid.**;!*");
        }
        RuleGridNode.Builder builder = RuleGridNode.builder().environment(System.getenv());
        if (Files.isRegularFile(dir.resolve("hazelcast.yaml"))) {
            builder.hazelcastYaml(dir.resolve("hazelcast.yaml"));
        }
        if (Files.isRegularFile(dir.resolve("rulegrid.yaml"))) {
            builder.rulegridYaml(dir.resolve("rulegrid.yaml"));
        }
        RuleGridNode node = builder.start();
        System.out.println("rulegrid member " + node.address() + " of cluster "
                + node.hazelcast().getConfig().getClusterName() + " is up");
        CountDownLatch stopped = new CountDownLatch(1);
        node.hazelcast().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        stopped.await();
    }

    private static String usage() {
        return """
                Usage: rulegrid node [--config DIR]
                Runs a RuleGrid member until SIGTERM, then leaves the cluster gracefully.
                  --config DIR   directory with hazelcast.yaml (Hazelcast's member configuration, the
                                 namespaces' maps included; the bundled defaults when absent) and
                                 rulegrid.yaml (the declared namespaces); default: config, or
                                 $RULEGRID_CONFIG_DIR
                Environment: Hazelcast's overrides, e.g. HZ_CLUSTERNAME, HZ_NETWORK_PORT_PORT
                               (or -Dhz.cluster-name=..., -Dhz.network.port.port=...)
                             RULEGRID_MEMBERS (host[:port],...; replaces the tcp-ip member list)
                             RULEGRID_KUBERNETES_SERVICE_DNS (join through Kubernetes discovery)""";
    }
}
