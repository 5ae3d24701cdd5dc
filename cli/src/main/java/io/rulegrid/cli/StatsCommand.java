package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import io.rulegrid.client.GridStats;
import io.rulegrid.client.RuleSetStats;
import io.rulegrid.client.RuleStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

/** {@code rulegrid stats}: evaluation counters per ruleset and rule, summed over members. */
@Command(name = "stats", description = "Evaluations, firings, errors and latency per ruleset and rule, over all members.")
final class StatsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Override
    public void run() {
        GridStats stats;
        try (RuleGridClient grid = cluster.connect()) {
            stats = grid.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %12s %12s %8s %10s %10s%n", "RULESET", "EVALUATIONS", "FIRINGS", "ERRORS", "p50<=us", "p99<=us");
        for (Map.Entry<String, RuleSetStats> entry : stats.rulesets().entrySet()) {
            RuleSetStats r = entry.getValue();
            out.printf("%-24s %12d %12d %8d %10d %10d%n", entry.getKey(), r.evaluations(), r.firings(), r.errors(),
                    r.latencyMicrosAtMost(0.5), r.latencyMicrosAtMost(0.99));
            for (Map.Entry<String, RuleStats> rule : r.rules().entrySet()) {
                out.printf("  %-22s %12s %12d %8d%n", rule.getKey(), "", rule.getValue().firings(), rule.getValue().errors());
            }
        }
    }
}
