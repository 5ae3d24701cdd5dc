package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import io.rulegrid.client.BulkOptions;
import io.rulegrid.client.BulkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rulegrid evaluate-all NS --ruleset NAME [--where PREDICATE]}: bulk evaluation on every member. */
@Command(name = "evaluate-all", description = {"Evaluate a ruleset over every fact of a namespace matching --where.",
    "Each member evaluates the facts it owns; prints a summary. Exit code 1 if any evaluation failed."})
final class EvaluateAllCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAMESPACE")
    String namespace;

    @Option(names = "--ruleset", required = true, paramLabel = "NAME")
    String ruleset;

    @Option(names = "--where", paramLabel = "PREDICATE",
            description = "SQL-like predicate over fact fields, e.g. \"category = 'books' AND price > 10\"")
    String where;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "the call's parameters, a JSON object")
    String input;

    @Override
    public Integer call() {
        BulkOptions options = BulkOptions.allFacts().input(JsonArgument.object(input, "--input"));
        if (where != null && !where.isBlank()) {
            options = options.where(where);
        }
        BulkResult summary;
        long millis;
        try (RuleGridClient grid = cluster.connect()) {
            long start = System.nanoTime();
            summary = grid.namespace(namespace).evaluateAll(ruleset, options);
            millis = (System.nanoTime() - start) / 1_000_000;
        }
        spec.commandLine().getOut().printf("evaluated %d, fired %d, modified %d, retracted %d, errors %d in %d ms%n",
                summary.evaluated(), summary.firings(), summary.modified(), summary.retracted(), summary.errors(), millis);
        summary.errorSamples().forEach(spec.commandLine().getErr()::println);
        return summary.errors() == 0 ? 0 : RuleGridCli.ERROR;
    }
}
