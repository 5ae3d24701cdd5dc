package io.rulegrid.client;

import io.rulegrid.grid.wire.BulkSummary;

import java.util.List;

/**
 * What a bulk evaluation ({@link Namespace#evaluateAll}) did. Immutable.
 *
 * @param evaluated    facts evaluated, failed ones included
 * @param firings      rule firings over all facts
 * @param modified     facts the rules changed and that were written back
 * @param retracted    facts the rules retracted
 * @param errors       evaluations that failed (and changed nothing) or whose outcome is unknown
 * @param errorSamples the first failure messages, at most {@value BulkSummary#MAX_ERROR_SAMPLES}
 * @param failures     the failed facts with their codes, the first {@value BulkSummary#MAX_FAILURES} of them
 */
public record BulkResult(long evaluated, long firings, long modified, long retracted, long errors,
                         List<String> errorSamples, List<FailedKey> failures) {

    public BulkResult {
        errorSamples = List.copyOf(errorSamples);
        failures = List.copyOf(failures);
    }

    static BulkResult of(BulkSummary summary) {
        return new BulkResult(summary.evaluated(), summary.firings(), summary.modified(), summary.retracted(),
                summary.errors(), summary.errorSamples(), summary.failures().stream()
                        .map(failure -> new FailedKey(failure.key(), failure.code(), failure.message())).toList());
    }

    /** The keys whose evaluation is worth sending again (see {@link FailedKey#retriable()}). */
    public List<String> retriableKeys() {
        return failures.stream().filter(FailedKey::retriable).map(FailedKey::key).toList();
    }

    @Override
    public String toString() {
        return "evaluated=" + evaluated + " fired=" + firings + " modified=" + modified + " retracted=" + retracted
                + " errors=" + errors;
    }
}
