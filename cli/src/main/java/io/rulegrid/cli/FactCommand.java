package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import io.rulegrid.api.Facts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rulegrid fact put NS KEY JSON|@FILE}, {@code rulegrid fact get NS KEY}, and the files of facts:
 * {@code fact load} ({@link FactLoadCommand}) and {@code fact export} ({@link FactExportCommand}).
 */
@Command(name = "fact", description = "Store, read, load or export facts.",
        subcommands = {FactCommand.PutCommand.class, FactCommand.GetCommand.class, FactLoadCommand.class,
            FactExportCommand.class})
final class FactCommand {

    @Command(name = "put", description = "Store a fact (a JSON object), replacing any fact of that key.")
    static final class PutCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Parameters(index = "2", paramLabel = "JSON|@FILE")
        String json;

        @Override
        public Integer call() {
            Map<String, Object> fact = JsonArgument.object(json, "fact");
            try (RuleGridClient grid = cluster.connect()) {
                grid.namespace(namespace).put(key, fact);
            }
            spec.commandLine().getOut().println("stored " + namespace + "/" + key);
            return 0;
        }
    }

    @Command(name = "get", description = "Print a fact as JSON; exit code 1 when there is none.")
    static final class GetCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;

        @Parameters(index = "1", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            Optional<Map<String, Object>> fact;
            try (RuleGridClient grid = cluster.connect()) {
                fact = grid.namespace(namespace).get(key);
            }
            if (fact.isEmpty()) {
                spec.commandLine().getErr().println("no fact with key \"" + key + "\" in namespace \"" + namespace + "\"");
                return RuleGridCli.ERROR;
            }
            spec.commandLine().getOut().println(Facts.toJson(fact.get()));
            return 0;
        }
    }
}
