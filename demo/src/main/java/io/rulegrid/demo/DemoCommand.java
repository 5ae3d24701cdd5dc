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
    "a member killed mid-run, a hot rule change. scripts/demo.sh starts the members and runs this."})
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
        try (RuleGridClient grid = cluster.connect()) {
            new ClusterDemo(grid, spec.commandLine().getOut()).run(products, rules, orders, killPid, seed);
        }
        return 0;
    }
}
