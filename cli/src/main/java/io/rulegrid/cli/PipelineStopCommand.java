package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rulegrid pipeline stop NAME}. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = {
    "Stop a pipeline: suspend its job with a snapshot.",
    "Returns once the job is suspended, with a last snapshot of where it is in",
    "the topic: events sent from now on wait there until `rulegrid pipeline",
    "start NAME`. The stop lasts across members joining and leaving; a restart",
    "of the whole cluster forgets it. A pipeline that does not run is left as it",
    "is (exit code 0). Fails when the job is not suspended within a minute."})
final class PipelineStopCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "the pipeline, as named in rulegrid.yaml")
    String name;

    @Override
    public void run() {
        try (RuleGridClient grid = cluster.connect()) {
            spec.commandLine().getOut().println(PipelineText.stopped(grid.pipelines().stop(name)));
        }
    }
}
