package io.rulegrid.cli;

import io.rulegrid.testkit.LocalCluster;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** What one in-process run of the {@code rulegrid} command printed and returned. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RuleGridCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs a cluster command against {@code cluster}. */
    static CliRun on(LocalCluster cluster, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cluster");
        all.add(String.join(",", cluster.addresses()));
        all.add("--cluster-name");
        all.add(cluster.clusterName());
        return run(all.toArray(String[]::new));
    }
}
