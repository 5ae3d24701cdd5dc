package io.rulegrid.cli;

import io.rulegrid.client.Deployment;
import io.rulegrid.client.RuleGridClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rulegrid deploy FILE}: deploys a rule file as the new active version of its ruleset. */
@Command(name = "deploy", description = "Deploy a rule file as the new active version of its ruleset, on every member.")
final class DeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "FILE", description = "rule file (.grl, .yml, .yaml, .json)")
    Path file;

    @Override
    public Integer call() {
        try (RuleGridClient grid = cluster.connect()) {
            Deployment deployment = grid.rulesets().deploy(file);
            spec.commandLine().getOut().println("deployed " + deployment);
        }
        return 0;
    }
}
