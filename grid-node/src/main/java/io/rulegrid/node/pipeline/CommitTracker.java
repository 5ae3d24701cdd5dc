package io.rulegrid.node.pipeline;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.core.Inbox;
import com.hazelcast.jet.core.Outbox;
import com.hazelcast.jet.core.Processor;
import com.hazelcast.jet.core.Watermark;
import com.hazelcast.map.IMap;
import io.rulegrid.grid.GridNames;
import io.rulegrid.node.internal.execution.CommittedOffsetsMerge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps the Kafka writer of a pipeline's decisions and dead letters, and tells the grid, per source partition, the
 * offset up to which they are durable ({@link GridNames#PIPELINE_OFFSETS_MAP}); facts then drop those decisions from
 * their ledgers. A record the writer took before a snapshot's barrier is flushed before the snapshot completes (its
 * first phase), and every event of a source partition up to that record's offset passed the barrier before it (Jet
 * aligns barriers under exactly-once, and the applier stage completes its events before passing one), so once the
 * snapshot completes, all their decisions are written: none of those events is read again.
 */
final class CommitTracker implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CommitTracker.class);

    private final Processor writer;
    private final String pipeline;
    private final List<OutgoingRecord> offered = new ArrayList<>();
    /** Taken by the writer since the last barrier: made durable by the next snapshot. */
    private final Map<String, Long> taken = new HashMap<>();
    /** Taken before the barrier of the snapshot being completed. */
    private final Map<String, Long> beforeBarrier = new HashMap<>();
    private IMap<String, HazelcastJsonValue> committedOffsets;

    private CommitTracker(Processor writer, String pipeline) {
        this.writer = writer;
        this.pipeline = pipeline;
    }

    /** Wraps each writer processor of a pipeline; serializable, it travels with the job. */
    static FunctionEx<Processor, Processor> wrapping(String pipeline) {
        return writer -> new CommitTracker(writer, pipeline);
    }

    @Override
    public boolean isCooperative() {
        return writer.isCooperative();
    }

    @Override
    public void init(Outbox outbox, Context context) throws Exception {
        committedOffsets = context.hazelcastInstance().getMap(GridNames.PIPELINE_OFFSETS_MAP);
        writer.init(outbox, context);
    }

    @Override
    public void process(int ordinal, Inbox inbox) {
        offered.clear();
        for (Object item : inbox) {
            offered.add((OutgoingRecord) item);
        }
        writer.process(ordinal, inbox);
        // the writer takes items from the head of the inbox: those gone are the ones it took
        int took = offered.size() - inbox.size();
        for (int i = 0; i < took; i++) {
            OutgoingRecord record = offered.get(i);
            taken.merge(record.source(), record.sourceOffset(), Math::max);
        }
    }

    @Override
    public boolean tryProcessWatermark(Watermark watermark) {
        return writer.tryProcessWatermark(watermark);
    }

    @Override
    public boolean tryProcessWatermark(int ordinal, Watermark watermark) {
        return writer.tryProcessWatermark(ordinal, watermark);
    }

    @Override
    public boolean tryProcess() {
        return writer.tryProcess();
    }

    @Override
    public boolean completeEdge(int ordinal) {
        return writer.completeEdge(ordinal);
    }

    @Override
    public boolean complete() {
        return writer.complete();
    }

    @Override
    public boolean saveToSnapshot() {
        if (!writer.saveToSnapshot()) {
            return false;
        }
        taken.forEach((source, offset) -> beforeBarrier.merge(source, offset, Math::max));
        taken.clear();
        return true;
    }

    @Override
    public boolean snapshotCommitPrepare() {
        return writer.snapshotCommitPrepare();
    }

    @Override
    public boolean snapshotCommitFinish(boolean success) {
        if (!writer.snapshotCommitFinish(success)) {
            return false;
        }
        if (success && !beforeBarrier.isEmpty()) {
            // asynchronous: a processor never blocks; a lost update only delays the facts' cleanup to the next one
            committedOffsets.submitToKey(pipeline, new CommittedOffsetsMerge(beforeBarrier))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("pipeline {}: could not record its committed offsets: {}", pipeline,
                                    failure.toString());
                        }
                    });
        }
        beforeBarrier.clear();
        return true;
    }

    @Override
    public void restoreFromSnapshot(Inbox inbox) {
        writer.restoreFromSnapshot(inbox);
    }

    @Override
    public boolean finishSnapshotRestore() {
        return writer.finishSnapshotRestore();
    }

    @Override
    public boolean closeIsCooperative() {
        return writer.closeIsCooperative();
    }

    @Override
    public void close() throws Exception {
        writer.close();
    }
}
