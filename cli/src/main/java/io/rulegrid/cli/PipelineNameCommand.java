package io.rulegrid.cli;

import io.rulegrid.client.Pipelines;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** A {@code rulegrid pipeline} subcommand about one pipeline, named by its one parameter. */
abstract class PipelineNameCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "the pipeline, as named in rulegrid.yaml")
    String name;

    @Override
    public final void run() {
        try (RuleGridClient grid = cluster.connect()) {
            run(grid.pipelines(), name, spec.commandLine().getOut());
        }
    }

    /** Does the command's work on the pipeline {@code name} and writes what a person reads. */
    abstract void run(Pipelines pipelines, String name, PrintWriter out);
}
