package io.rulegrid.cli;

import com.hazelcast.client.config.ClientConfig;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Option;

/** How cluster commands reach the cluster: a picocli mixin, {@code --cluster} and {@code --cluster-name}. */
public final class ClusterOptions {

    /** How long a command waits for the cluster before it gives up. */
    private static final long CONNECT_TIMEOUT_MILLIS = 15_000;

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT…]", split = ",",
            defaultValue = "${env:RULEGRID_CLUSTER:-127.0.0.1:5701}",
            description = "members to connect to (default: $RULEGRID_CLUSTER or 127.0.0.1:5701)")
    String[] members;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "${env:RULEGRID_CLUSTER_NAME:-rulegrid}",
            description = "cluster name (default: $RULEGRID_CLUSTER_NAME or rulegrid)")
    String clusterName;

    /**
     * Connects, waiting for the cluster at most 15 s.
     *
     * @throws CliException naming the cluster and the addresses when no member answers
     */
    public RuleGridClient connect() {
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.getNetworkConfig().addAddress(members);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        config.setProperty("hazelcast.logging.type", "none");
        try {
            return RuleGridClient.connect(config);
        } catch (IllegalStateException e) {
            throw new CliException("cannot connect to cluster '" + clusterName + "' at " + String.join(",", members)
                    + " (is a member running? start one with: scripts/rulegrid node)", e);
        }
    }
}
