package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulegrid pipeline status NAME}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "One pipeline in full.",
    "Its topics, namespace and ruleset, its job's state and id, when the job",
    "was submitted, why it is suspended or failed, and while it runs the events",
    "it read and the records it wrote since it last started."})
final class PipelineStatusCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "the pipeline, as named in rulegrid.yaml")
    String name;

    @Override
    public void run() {
        try (RuleGridClient grid = cluster.connect()) {
            PipelineText.details(spec.commandLine().getOut(), grid.pipelines().status(name));
        }
    }
}
