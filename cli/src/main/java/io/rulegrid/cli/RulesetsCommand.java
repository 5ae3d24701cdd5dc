package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import io.rulegrid.client.RuleSetEvent;
import io.rulegrid.client.RuleSetVersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/** {@code rulegrid rulesets list|history NAME|activate NAME N}. */
@Command(name = "rulesets", description = "List rulesets, show a ruleset's versions, or activate (roll back to) a version.",
        subcommands = {RulesetsCommand.ListCommand.class, RulesetsCommand.HistoryCommand.class,
            RulesetsCommand.ActivateCommand.class})
final class RulesetsCommand {

    private static void print(PrintWriter out, List<RuleSetVersionInfo> versions) {
        out.printf("%-24s %8s %-7s %-24s %-20s %s%n", "RULESET", "VERSION", "ACTIVE", "FILE", "DEPLOYED", "SHA-256");
        for (RuleSetVersionInfo v : versions) {
            out.printf("%-24s %8d %-7s %-24s %-20s %.12s%n", v.name(), v.version(), v.active() ? "yes" : "", v.sourceName(),
                    v.deployedAt().toString().substring(0, 19), v.checksum());
            v.problems().forEach(problem -> out.printf("  not in effect on %s%n", problem));
        }
    }

    @Command(name = "list", description = "The active version of every ruleset, and the members that do not have it"
            + " in effect.")
    static final class ListCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Override
        public void run() {
            try (RuleGridClient grid = cluster.connect()) {
                print(spec.commandLine().getOut(), grid.rulesets().list());
            }
        }
    }

    @Command(name = "history", description = "Every version of a ruleset, then every deploy, activation and rollback.")
    static final class HistoryCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            try (RuleGridClient grid = cluster.connect()) {
                PrintWriter out = spec.commandLine().getOut();
                print(out, grid.rulesets().history(name));
                out.println();
                out.printf("%-9s %8s %-20s %s%n", "EVENT", "VERSION", "AT", "BY");
                for (RuleSetEvent event : grid.rulesets().events(name)) {
                    out.printf("%-9s %8d %-20s %s%n", event.type(), event.version(),
                            event.at().toString().substring(0, 19), event.by());
                }
            }
        }
    }

    @Command(name = "activate", description = "Make a version the active one on every member (a rollback).")
    static final class ActivateCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        public void run() {
            try (RuleGridClient grid = cluster.connect()) {
                spec.commandLine().getOut().println("activated " + grid.rulesets().activate(name, version));
            }
        }
    }
}
