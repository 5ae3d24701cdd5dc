package io.rulegrid.devservices;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One running Kafka node in this JVM that is both broker and KRaft controller, the only voter of its quorum, with
 * its log and its metadata log in one directory: what {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} make of a {@code server.properties}, put together as {@code KafkaRaftServer} does,
 * except that a fault Kafka holds fatal is logged instead of halting the JVM (a test run, a member).
 *
 * <p>Kafka's test kit ({@code KafkaClusterTestKit}) puts the same classes together, but binds its listeners
 * before the servers start, on every interface and on new random ports, and gives every start new directory ids:
 * no 127.0.0.1 only, no port of the caller's, no directory that a later start serves again.
 */
final class KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    // written by formatting: a directory with it holds a Kafka node's data
    static final String META_PROPERTIES = "meta.properties";

    private final ControllerServer controller;
    private final BrokerServer broker;

    private KafkaNode(ControllerServer controller, BrokerServer broker) {
        this.controller = controller;
        this.broker = broker;
    }

    /**
     * Formats {@code dataDirectory} if it holds no Kafka data yet, then starts the node on it and returns once
     * the broker serves clients on {@code 127.0.0.1:port}.
     *
     * @param controllerPort where the controller listens, on 127.0.0.1 too; only the node itself connects there
     * @throws Exception whatever Kafka throws: it names the directory, port or setting at fault
     */
    static KafkaNode start(Path dataDirectory, int port, int controllerPort, Duration startupBound) throws Exception {
        KafkaConfig config = new KafkaConfig(settings(dataDirectory, port, controllerPort, startupBound), false);
        if (!Files.exists(dataDirectory.resolve(META_PROPERTIES))) {
            format(dataDirectory);
        }
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[" + dataDirectory + "] ");
        // the voters of controller.quorum.voters, and so no servers to bootstrap the quorum from; the socket factory
        // binds each listener where its setting says, 127.0.0.1
        SharedServer shared = new SharedServer(config, storage._1(), Time.SYSTEM, new Metrics(),
                CompletableFuture.completedFuture(Map.of(NODE_ID, new InetSocketAddress(LoopbackPorts.HOST,
                        controllerPort))),
                List.of(), loggingFaultHandlers(), ServerSocketFactory.INSTANCE);
        ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
        BrokerServer broker = new BrokerServer(shared);
        // the order of KafkaRaftServer: the controller first, the broker registers with it; each of the two shuts
        // itself down when its startup fails
        controller.startup();
        try {
            broker.startup();
        } catch (Exception e) {
            try {
                controller.shutdown();
            } catch (RuntimeException shutdownFailure) {
                e.addSuppressed(shutdownFailure);
            }
            throw e;
        }
        return new KafkaNode(controller, broker);
    }

    /** Stops the broker, letting it write what it holds, then the controller; returns when both are down. */
    void stop() {
        // the order of KafkaRaftServer: the broker's controlled shutdown needs the controller
        try {
            broker.shutdown();
        } finally {
            controller.shutdown();
        }
    }

    /**
     * A {@code server.properties} for one node on 127.0.0.1 holding test and development data: Kafka's defaults,
     * automatic topic creation included, except where one broker needs otherwise or a test would wait.
     */
    private static Map<String, String> settings(Path dataDirectory, int port, int controllerPort,
            Duration startupBound) {
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + LoopbackPorts.HOST + ":" + controllerPort),
                Map.entry("listeners", BROKER_LISTENER + "://" + LoopbackPorts.HOST + ":" + port + ","
                        + CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + controllerPort),
                Map.entry("listener.security.protocol.map",
                        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", BROKER_LISTENER),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("log.dirs", dataDirectory.toString()),
                Map.entry("metadata.log.dir", dataDirectory.toString()),
                Map.entry("server.max.startup.time.ms", String.valueOf(startupBound.toMillis())),
                // one broker: Kafka's internal topics default to 3 replicas, and 2 in sync for transactions
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // 50 partitions each by default: 50 logs to create when the first consumer group or transaction comes
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                // a consumer group's first member starts at once instead of waiting 3 s for others
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // the log cleaner's buffer is 128 MiB of heap by default, in a JVM that is a test run or a member
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024)));
    }

    /** What {@code kafka-storage.sh format} does: a new cluster id, this node's id, the latest stable features. */
    private static void format(Path dataDirectory) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(NODE_ID)
                .setDirectories(Set.of(dataDirectory.toString()))
                .setMetadataLogDirectory(dataDirectory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
        LOG.info("Kafka formatted data directory {} for new cluster {}", dataDirectory, clusterId);
    }

    /**
     * Kafka's production handlers halt the JVM on a fault they hold fatal (a broken metadata log, for one); this
     * JVM is a test run or a member, so every fault is logged at ERROR, as Kafka logs those it does not hold
     * fatal, and the broker goes on or fails as it would then.
     */
    private static FaultHandlerFactory loggingFaultHandlers() {
        return (name, fatal, action) -> new LoggingFaultHandler(name, action);
    }
}
