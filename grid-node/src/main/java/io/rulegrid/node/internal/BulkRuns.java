package io.rulegrid.node.internal;

import io.rulegrid.grid.wire.BulkSummary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bulk runs this member completed per partition, as owner or as backup, with their summaries: what makes a
 * repeated partition run (its caller lost the answer when the owner crashed) answer instead of evaluating
 * again. Only the last {@value #RUNS_PER_PARTITION} runs of each partition are kept: a caller repeats a run
 * within seconds, while other runs would have to complete on the same partition in between to push it out.
 * Not handed over when a partition migrates (see docs/grid.md).
 */
public final class BulkRuns {

    static final int RUNS_PER_PARTITION = 32;

    private final Map<Integer, Map<String, BulkSummary>> byPartition = new ConcurrentHashMap<>();

    /** The summary of a run this member completed on the partition, or {@code null}. */
    public BulkSummary completed(int partitionId, String runId) {
        Map<String, BulkSummary> runs = byPartition.get(partitionId);
        if (runs == null) {
            return null;
        }
        synchronized (runs) {
            return runs.get(runId);
        }
    }

    /** Remembers a run completed on the partition. */
    public void complete(int partitionId, String runId, BulkSummary summary) {
        Map<String, BulkSummary> runs = byPartition.computeIfAbsent(partitionId, p -> new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BulkSummary> eldest) {
                return size() > RUNS_PER_PARTITION;
            }
        });
        synchronized (runs) {
            runs.put(runId, summary);
        }
    }
}
