package io.rulegrid.cli;

import io.rulegrid.client.Pipelines;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code rulegrid pipeline status NAME}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "One pipeline in full.",
    "Its topics, namespace and ruleset, its job's state and id, when the job",
    "was submitted, why it is suspended or failed, and while it runs the events",
    "it read and the records it wrote since it last started."})
final class PipelineStatusCommand extends PipelineNameCommand {

    @Override
    void run(Pipelines pipelines, String name, PrintWriter out) {
        PipelineText.details(out, pipelines.status(name));
    }
}
