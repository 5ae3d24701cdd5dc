package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulegrid pipeline start NAME}. */
@Command(name = "start", mixinStandardHelpOptions = true, description = {
    "Start a pipeline: resume its job, or submit a new one.",
    "Returns once the job runs. A stopped (suspended) job resumes from its last",
    "snapshot, so the events sent while it was stopped are applied now and none",
    "twice. Without a job, or after it failed, a member that configures the",
    "pipeline submits a new job, which reads the topic from its beginning. A",
    "running pipeline is left as it is (exit code 0). Fails when the job does",
    "not run within a minute."})
final class PipelineStartCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "the pipeline, as named in rulegrid.yaml")
    String name;

    @Override
    public void run() {
        try (RuleGridClient grid = cluster.connect()) {
            spec.commandLine().getOut().println(PipelineText.started(grid.pipelines().start(name)));
        }
    }
}
