package io.rulegrid.cli;

import io.rulegrid.client.Pipelines;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code rulegrid pipeline start NAME}. */
@Command(name = "start", mixinStandardHelpOptions = true, description = {
    "Start a pipeline: resume its job, or submit a new one.",
    "Returns once the job runs. A stopped (suspended) job resumes from its last",
    "snapshot, so the events sent while it was stopped are applied now and none",
    "twice. Without a job, or after it failed, a member that configures the",
    "pipeline submits a new job, which reads the topic from its beginning. A",
    "running pipeline is left as it is (exit code 0). Fails when the job does",
    "not run within a minute."})
final class PipelineStartCommand extends PipelineNameCommand {

    @Override
    void run(Pipelines pipelines, String name, PrintWriter out) {
        out.println(PipelineText.started(pipelines.start(name)));
    }
}
