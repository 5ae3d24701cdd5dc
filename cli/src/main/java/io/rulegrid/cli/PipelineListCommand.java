package io.rulegrid.cli;

import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rulegrid pipeline list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {
    "The configured pipelines and their jobs' state.",
    "Every pipeline the members configure, with its job's state (NOT_SUBMITTED,",
    "STARTING, RUNNING, SUSPENDED, COMPLETING, FAILED, COMPLETED), when the job",
    "was submitted and, while it runs, the events it read and the records",
    "(decisions and dead letters) it wrote since it last started, as Jet last",
    "collected them (every 5 s)."})
final class PipelineListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Override
    public void run() {
        try (RuleGridClient grid = cluster.connect()) {
            PipelineText.table(spec.commandLine().getOut(), grid.pipelines().list());
        }
    }
}
