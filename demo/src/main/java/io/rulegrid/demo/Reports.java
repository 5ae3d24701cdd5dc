package io.rulegrid.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Small helpers for the demo's printed report. */
final class Reports {

    private Reports() {
    }

    /** The {@code n} entries with the largest counts, largest first. */
    static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
    }
}
