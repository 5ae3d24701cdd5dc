package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry processor of {@link PartitionEvaluation} and {@link KeysEvaluation}: evaluates each entry of one
 * partition in turn ({@link FactEvaluation}) and keeps what the operation answers (a summary, and the outcomes
 * when asked for per-key results). Hazelcast applies one instance to every entry of the operation and asks it
 * for the backup processor after the last one, so the backups receive every value it computed
 * ({@link ComputedValues}) in one backup operation, and never run the rules.
 */
final class BatchEvaluator implements EntryProcessor<String, HazelcastJsonValue, Object>, IdentifiedDataSerializable {

    private final transient GridEngine engine;
    private EvaluationRequest request;
    private Map<String, String> upserts;
    private boolean keepOutcomes;
    private int partitionId;
    private String runId;

    private final transient BulkSummary summary = new BulkSummary();
    private final transient List<EvaluationOutcome> outcomes = new ArrayList<>();
    private transient ComputedValues computed;

    BatchEvaluator(GridEngine engine) {
        this.engine = engine;
    }

    /** Evaluates the stored facts of a partition and keeps only a summary; remembers the run on both replicas. */
    static BatchEvaluator forPartition(GridEngine engine, EvaluationRequest request, int partitionId, String runId) {
        BatchEvaluator evaluator = new BatchEvaluator(engine);
        evaluator.request = request;
        evaluator.partitionId = partitionId;
        evaluator.runId = runId;
        return evaluator;
    }

    /**
     * Evaluates given keys and keeps each outcome.
     *
     * @param upserts the fact (JSON) replacing the stored one, by key; {@code null} to evaluate the stored facts
     */
    static BatchEvaluator forKeys(GridEngine engine, EvaluationRequest request, Map<String, String> upserts) {
        BatchEvaluator evaluator = new BatchEvaluator(engine);
        evaluator.request = request;
        evaluator.upserts = upserts;
        evaluator.keepOutcomes = true;
        return evaluator;
    }

    @Override
    public Object process(Map.Entry<String, HazelcastJsonValue> entry) {
        String upsert = upserts == null ? null : upserts.get(entry.getKey());
        EvaluationOutcome outcome = FactEvaluation.evaluate(engine, request, entry, upsert, true, this::write);
        summary.add(outcome);
        if (keepOutcomes) {
            outcomes.add(outcome);
        }
        // the operation answers the summary or the outcomes, not Hazelcast's map of per-key responses
        return null;
    }

    private void write(Map.Entry<String, HazelcastJsonValue> entry, HazelcastJsonValue value) {
        entry.setValue(value);
        if (computed == null) {
            computed = new ComputedValues(engine, partitionId, runId);
        }
        computed.put(entry.getKey(), value);
    }

    /**
     * Every value this instance wrote, with the run's summary; {@code null} when it wrote nothing (then the
     * backups have nothing to change, and a repeat of the run changes nothing either).
     */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, Object> getBackupProcessor() {
        return computed == null ? null : computed.withSummary(summary);
    }

    BulkSummary summary() {
        return summary;
    }

    List<EvaluationOutcome> outcomes() {
        return outcomes;
    }

    String runId() {
        return runId;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        request.write(out);
        out.writeBoolean(keepOutcomes);
        out.writeInt(partitionId);
        out.writeString(runId);
        out.writeInt(upserts == null ? -1 : upserts.size());
        if (upserts != null) {
            for (Map.Entry<String, String> upsert : upserts.entrySet()) {
                out.writeString(upsert.getKey());
                out.writeString(upsert.getValue());
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = EvaluationRequest.read(in);
        keepOutcomes = in.readBoolean();
        partitionId = in.readInt();
        runId = in.readString();
        int count = in.readInt();
        if (count >= 0) {
            upserts = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                upserts.put(in.readString(), in.readString());
            }
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.BATCH_EVALUATOR;
    }
}
