package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.Map;

/**
 * An entry processor whose backups receive the value it computed instead of running it again. Hazelcast
 * asks for the backup processor after {@code process}, on the same instance.
 */
abstract class WritingEntryProcessor<R> implements EntryProcessor<String, HazelcastJsonValue, R>,
        IdentifiedDataSerializable {

    private transient ComputedValue backup;

    /** Sets the entry ({@code null} deletes it) and hands the backups the same value. */
    final void write(Map.Entry<String, HazelcastJsonValue> entry, HazelcastJsonValue value) {
        entry.setValue(value);
        backup = new ComputedValue(value);
    }

    /** The computed value for the backups, or {@code null} when {@code process} wrote nothing. */
    @Override
    public final EntryProcessor<String, HazelcastJsonValue, R> getBackupProcessor() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EntryProcessor<String, HazelcastJsonValue, R> computed = (EntryProcessor) backup;
        return computed;
    }

    @Override
    public final int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }
}
