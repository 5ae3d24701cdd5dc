package io.rulegrid.cli;

import io.rulegrid.client.Pipelines;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code rulegrid pipeline stop NAME}. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = {
    "Stop a pipeline: suspend its job with a snapshot.",
    "Returns once the job is suspended, with a last snapshot of where it is in",
    "the topic: events sent from now on wait there until `rulegrid pipeline",
    "start NAME`. The stop lasts across members joining and leaving; a restart",
    "of the whole cluster forgets it. A pipeline that does not run is left as it",
    "is (exit code 0). Fails when the job is not suspended within a minute."})
final class PipelineStopCommand extends PipelineNameCommand {

    @Override
    void run(Pipelines pipelines, String name, PrintWriter out) {
        out.println(PipelineText.stopped(pipelines.stop(name)));
    }
}
