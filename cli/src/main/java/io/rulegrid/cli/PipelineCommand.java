package io.rulegrid.cli;

import picocli.CommandLine.Command;

/**
 * {@code rulegrid pipeline list|status|start|stop}: the Kafka pipelines the members run (docs/pipelines.md), seen
 * and stopped and started from the command line instead of through Jet's own tools, which know nothing of what a
 * pipeline is configured to read and write.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "List the Kafka pipelines the members run, show one, stop one or start it again.",
        subcommands = {PipelineListCommand.class, PipelineStatusCommand.class, PipelineStartCommand.class,
            PipelineStopCommand.class},
        footer = {"", "Pipelines are configured in the members' rulegrid.yaml (docs/pipelines.md);",
            "each runs as the Jet job rulegrid-pipeline-NAME. stop suspends the job with a",
            "snapshot, and start resumes it from there: events sent while it was stopped",
            "are applied then, none twice. On a cluster without pipelines every command",
            "says so, with exit code 1."})
final class PipelineCommand {
}
