package io.rulegrid.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a load did: facts stored, and the records skipped (the first {@link FactLoader#LISTED_SKIPS} with their
 * lines and reasons, and how many in all).
 */
record LoadReport(long loaded, List<BadRecordException> firstSkipped, long skipped, long elapsedNanos) {

    /** Prints the summary on {@code out}, the skipped records on {@code err}; returns the exit code. */
    int print(String namespace, String file, PrintWriter out, PrintWriter err) {
        double seconds = elapsedNanos / 1e9;
        out.printf("loaded %,d facts into %s from %s in %.1f s (%,.0f facts/s)%n", loaded, namespace, file, seconds,
                loaded / Math.max(seconds, 1e-3));
        if (skipped == 0) {
            return 0;
        }
        firstSkipped.forEach(bad -> err.println(bad.describe(file)));
        if (skipped > firstSkipped.size()) {
            err.printf("… and %,d more skipped records%n", skipped - firstSkipped.size());
        }
        err.printf("skipped %,d records of %s: nothing of them is stored (exit code 1)%n", skipped, file);
        return RuleGridCli.ERROR;
    }
}
