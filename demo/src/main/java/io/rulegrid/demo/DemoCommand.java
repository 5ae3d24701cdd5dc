package io.rulegrid.demo;

import io.rulegrid.cli.ClusterOptions;
import io.rulegrid.cli.RuleGridCli;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The demo command: the seeds' e-commerce example, on a cluster or offline. */
@Command(name = "rulegrid-demo", mixinStandardHelpOptions = true,
        description = {"Run the e-commerce example on a cluster (or --offline).",
    "Products, pricing/promotion/payment rules, bulk re-pricing, orders through upsertAndEvaluate,",
    "a member killed mid-run, a hot rule change, and with --brokers a day of orders through the",
    "members' Kafka pipeline. scripts/demo.sh starts the members and runs this."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--offline", description = "evaluate in this JVM, without a cluster")
    boolean offline;

    @Option(names = "--products", defaultValue = "10000", description = "products (default: ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--rules", defaultValue = "1000", description = "pricing/promotion rules (default: ${DEFAULT-VALUE})")
    int rules;

    @Option(names = "--orders", defaultValue = "20000", description = "orders (default: ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--kill-member-pid", defaultValue = "0", paramLabel = "PID",
            description = "a member process to kill a third of the way through the orders")
    long killPid;

    @Option(names = "--seed", defaultValue = "42", description = "workload seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--brokers", paramLabel = "HOST:PORT[,HOST:PORT…]", defaultValue = "${env:KAFKA_BROKERS}",
            description = "the Kafka of the members' pipeline (default: $KAFKA_BROKERS); without it the streaming"
                    + " phase is skipped")
    String brokers;

    @Option(names = "--stream-orders", defaultValue = "50000", paramLabel = "N",
            description = "orders of the day sent through the pipeline, 0 for none (default: ${DEFAULT-VALUE})")
    int streamOrders;

    @Option(names = "--events-topic", defaultValue = "order-events", paramLabel = "TOPIC",
            description = "the pipeline's events topic (default: ${DEFAULT-VALUE})")
    String eventsTopic;

    @Option(names = "--decisions-topic", defaultValue = "order-decisions", paramLabel = "TOPIC",
            description = "the pipeline's decisions topic (default: ${DEFAULT-VALUE})")
    String decisionsTopic;

    @Option(names = "--dead-letter-topic", defaultValue = "order-events-dead", paramLabel = "TOPIC",
            description = "the pipeline's dead-letter topic (default: ${DEFAULT-VALUE})")
    String deadLetterTopic;

    public static void main(String[] args) {
        System.exit(RuleGridCli.execute(new DemoCommand(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    @Override
    public Integer call() throws Exception {
        if (offline) {
            OfflineDemo.run(spec.commandLine().getOut(), products, rules, seed);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        StreamingPhase stream = brokers == null || brokers.isBlank() || streamOrders < 1 ? null
                : new StreamingPhase(brokers, eventsTopic, decisionsTopic, deadLetterTopic, "orders", out);
        try (RuleGridClient grid = cluster.connect()) {
            new ClusterDemo(grid, out, stream).run(products, rules, orders, streamOrders, killPid, seed);
        }
        return 0;
    }
}
