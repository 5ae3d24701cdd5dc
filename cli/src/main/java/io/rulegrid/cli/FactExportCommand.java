package io.rulegrid.cli;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rulegrid fact export NS [--where PREDICATE] [--output FILE]}. */
@Command(name = "export", description = {
    "Write the facts of a namespace as JSON lines {\"key\":...,\"fact\":{...}},",
    "in key order, to stdout or --output; 'fact load' without --key-field reads",
    "them back."})
final class FactExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAMESPACE")
    String namespace;

    @Option(names = "--where", paramLabel = "PREDICATE",
            description = "only the facts matching an SQL-like predicate, e.g. \"category = 'books' AND price > 10\"")
    String where;

    @Option(names = "--output", paramLabel = "FILE", description = "the file to write (default: stdout)")
    Path output;

    @Override
    public Integer call() throws IOException {
        Predicate<String, HazelcastJsonValue> predicate = predicate();
        long start = System.nanoTime();
        long written;
        try (RuleGridClient grid = cluster.connect()) {
            FactExporter exporter = new FactExporter(grid.hazelcast().getMap(grid.namespace(namespace).name()));
            if (output == null) {
                written = exporter.export(predicate, spec.commandLine().getOut());
            } else {
                try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    written = exporter.export(predicate, file);
                }
            }
        }
        spec.commandLine().getErr().printf("exported %,d facts of %s in %.1f s%n", written, namespace,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private Predicate<String, HazelcastJsonValue> predicate() {
        if (where == null) {
            return null;
        }
        try {
            return Predicates.sql(where);
        } catch (RuntimeException e) {
            throw new CliException("--where \"" + where + "\" does not parse: " + e.getMessage(), e);
        }
    }
}
