package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.api.Facts;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges what one decisions writer of a pipeline committed into the pipeline's record in
 * {@link GridNames#PIPELINE_OFFSETS_MAP}: per source partition ({@code topic/partition}), the highest offset whose
 * decisions are committed. Writers commit concurrently and in any order, so the highest offset wins and the record
 * never goes back. The same merge runs on the backups.
 */
public final class CommittedOffsetsMerge implements EntryProcessor<String, HazelcastJsonValue, Object>,
        IdentifiedDataSerializable {

    private Map<String, Long> offsets;

    CommittedOffsetsMerge() {
    }

    /** @param offsets by source partition, the highest offset whose decisions are committed */
    public CommittedOffsetsMerge(Map<String, Long> offsets) {
        this.offsets = new TreeMap<>(offsets);
    }

    /** A pipeline's record, read: by source partition, the highest offset whose decisions are committed. */
    public static Map<String, Long> read(HazelcastJsonValue record) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        if (record != null) {
            Facts.parse(record.getValue()).forEach((source, offset) -> offsets.put(source, ((Number) offset).longValue()));
        }
        return offsets;
    }

    @Override
    public Object process(Map.Entry<String, HazelcastJsonValue> entry) {
        Map<String, Object> merged = new TreeMap<>(read(entry.getValue()));
        offsets.forEach((source, offset) -> merged.merge(source, offset,
                (known, committed) -> Math.max(((Number) known).longValue(), ((Number) committed).longValue())));
        entry.setValue(new HazelcastJsonValue(Facts.toJson(merged)));
        return null;
    }

    @Override
    public EntryProcessor<String, HazelcastJsonValue, Object> getBackupProcessor() {
        return this;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(offsets.size());
        for (Map.Entry<String, Long> offset : offsets.entrySet()) {
            out.writeString(offset.getKey());
            out.writeLong(offset.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        offsets = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            offsets.put(in.readString(), in.readLong());
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.COMMITTED_OFFSETS_MERGE;
    }
}
