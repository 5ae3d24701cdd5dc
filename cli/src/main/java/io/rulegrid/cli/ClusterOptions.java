package io.rulegrid.cli;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ConnectionRetryConfig;
import com.hazelcast.client.properties.ClientProperty;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Option;

/** How cluster commands reach the cluster: a picocli mixin, {@code --cluster} and {@code --cluster-name}. */
public final class ClusterOptions {

    /**
     * How long a command keeps trying to reach a member before it says that none answers. With the JVM's and the
     * client's start (over 3 s on a busy two-core machine) this puts the failure within 5 s (measured in
     * docs/performance.md). It bounds reaching a
     * member only: an attempt under way when it runs out is finished (a slow member still gets the client in), and
     * a connected command takes as long as its work.
     */
    private static final int CLUSTER_CONNECT_TIMEOUT_MILLIS = 2_000;

    /**
     * Hazelcast's first retry comes after 1 s, half the time above; refused connections (no member on the
     * port) fail at once, so retrying every few hundred ms costs nothing.
     */
    private static final int INITIAL_BACKOFF_MILLIS = 100;
    private static final int MAX_BACKOFF_MILLIS = 500;

    /**
     * The socket connect of one attempt: the kernel of a running member accepts within milliseconds, also when the
     * member is busy, so this only cuts short an address that drops packets (default 5 s, longer than the whole
     * budget).
     */
    private static final int SOCKET_CONNECT_TIMEOUT_MILLIS = 2_000;

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT…]", split = ",",
            defaultValue = "${env:RULEGRID_CLUSTER:-127.0.0.1:5701}",
            description = "members to connect to (default: $RULEGRID_CLUSTER or 127.0.0.1:5701)")
    String[] members;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "${env:RULEGRID_CLUSTER_NAME:-rulegrid}",
            description = "cluster name (default: $RULEGRID_CLUSTER_NAME or rulegrid)")
    String clusterName;

    /**
     * Connects, trying to reach a member for at most 2 s.
     *
     * @throws CliException naming the cluster and the addresses when no member answers
     */
    public RuleGridClient connect() {
        try {
            return RuleGridClient.connect(clientConfig());
        } catch (IllegalStateException e) {
            throw new CliException("cannot connect to cluster '" + clusterName + "' at " + String.join(",", members)
                    + ": no member answered within " + CLUSTER_CONNECT_TIMEOUT_MILLIS / 1000 + " s (is a member of"
                    + " that cluster running? start one with: scripts/rulegrid node)", e);
        }
    }

    /** A client for one short command: it fails fast when no member answers and starts no more than it uses. */
    private ClientConfig clientConfig() {
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.getNetworkConfig().addAddress(members).setConnectionTimeout(SOCKET_CONNECT_TIMEOUT_MILLIS);
        ConnectionRetryConfig retry = config.getConnectionStrategyConfig().getConnectionRetryConfig();
        retry.setClusterConnectTimeoutMillis(CLUSTER_CONNECT_TIMEOUT_MILLIS)
                .setInitialBackoffMillis(INITIAL_BACKOFF_MILLIS)
                .setMaxBackoffMillis(MAX_BACKOFF_MILLIS);
        config.setProperty("hazelcast.logging.type", "none");
        // a command lives for a second or two: metrics would only be collected, and a thread or two per kind of
        // work is all one command uses (the defaults size for a long-lived application on many cores)
        config.getMetricsConfig().setEnabled(false);
        config.setProperty(ClientProperty.EVENT_THREAD_COUNT.getName(), "1");
        config.setProperty(ClientProperty.RESPONSE_THREAD_COUNT.getName(), "1");
        config.setProperty(ClientProperty.IO_INPUT_THREAD_COUNT.getName(), "1");
        config.setProperty(ClientProperty.IO_OUTPUT_THREAD_COUNT.getName(), "1");
        return config;
    }
}
