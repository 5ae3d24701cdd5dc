package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * What a writing entry processor wrote, for its backups: they receive the value ({@link ComputedValue})
 * instead of running the processor again. Hazelcast asks for the backup processor after {@code process}, on
 * the same instance, so one per processor instance.
 */
final class ComputedWrite {

    private ComputedValue backup;

    /** Sets the entry ({@code null} deletes it) and hands the backups the same value. */
    void write(Map.Entry<String, HazelcastJsonValue> entry, HazelcastJsonValue value) {
        entry.setValue(value);
        backup = new ComputedValue(value);
    }

    /** The computed value for the backups, or {@code null} when the processor wrote nothing. */
    <R> EntryProcessor<String, HazelcastJsonValue, R> backupProcessor() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EntryProcessor<String, HazelcastJsonValue, R> computed = (EntryProcessor) backup;
        return computed;
    }
}
