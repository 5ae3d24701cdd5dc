package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The backup half of a {@link BatchEvaluator}: the values it computed for the keys of one partition (a new
 * JSON fact, or {@code null} for a deletion), applied by Hazelcast's backup operation to each key; keys it
 * did not write are left as they are. A bulk run's backup also remembers the run ({@link
 * io.rulegrid.node.internal.BulkRuns}), so that if this backup is promoted, a repeat of the run answers the
 * first run's summary instead of evaluating the partition again. Runs on the backup's partition thread.
 */
final class ComputedValues implements EntryProcessor<String, HazelcastJsonValue, Object>, IdentifiedDataSerializable {

    private final transient GridEngine engine;
    private int partitionId;
    private String runId;
    private BulkSummary summary;
    private Map<String, String> values = new HashMap<>();

    ComputedValues(GridEngine engine) {
        this.engine = engine;
    }

    /** @param runId the bulk run, or {@code null} for a batch of keys, which is not remembered */
    ComputedValues(GridEngine engine, int partitionId, String runId) {
        this.engine = engine;
        this.partitionId = partitionId;
        this.runId = runId;
    }

    void put(String key, HazelcastJsonValue value) {
        values.put(key, value == null ? null : value.getValue());
    }

    /** These values with the summary of the run that computed them, complete once the primary is done. */
    ComputedValues withSummary(BulkSummary runSummary) {
        this.summary = runSummary;
        return this;
    }

    @Override
    public Object process(Map.Entry<String, HazelcastJsonValue> entry) {
        if (runId != null) {
            engine.bulkRuns().complete(partitionId, runId, summary);
        }
        String key = entry.getKey();
        if (values.containsKey(key)) {
            String json = values.get(key);
            entry.setValue(json == null ? null : new HazelcastJsonValue(json));
        }
        return null;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(partitionId);
        out.writeString(runId);
        if (runId != null) {
            out.writeObject(summary);
        }
        out.writeInt(values.size());
        for (Map.Entry<String, String> value : values.entrySet()) {
            out.writeString(value.getKey());
            out.writeString(value.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        partitionId = in.readInt();
        runId = in.readString();
        if (runId != null) {
            summary = in.readObject();
        }
        int count = in.readInt();
        values = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            values.put(in.readString(), in.readString());
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.COMPUTED_VALUES;
    }
}
