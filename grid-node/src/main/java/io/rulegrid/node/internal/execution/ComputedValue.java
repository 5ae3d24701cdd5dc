package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.util.Map;

/**
 * The backup half of an evaluation: writes the value the primary computed (or deletes the entry), so
 * backups never run the rules a second time. Runs on the backup's partition thread.
 */
final class ComputedValue implements EntryProcessor<String, HazelcastJsonValue, Object>,
        IdentifiedDataSerializable {

    private String json;

    ComputedValue() {
    }

    /** Sets the entry to {@code value}; {@code null} deletes it. */
    ComputedValue(HazelcastJsonValue value) {
        this.json = value == null ? null : value.getValue();
    }

    @Override
    public Object process(Map.Entry<String, HazelcastJsonValue> entry) {
        entry.setValue(json == null ? null : new HazelcastJsonValue(json));
        return null;
    }

    @Override
    public EntryProcessor<String, HazelcastJsonValue, Object> getBackupProcessor() {
        return this;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(json);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        json = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.COMPUTED_VALUE;
    }
}
