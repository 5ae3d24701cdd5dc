package io.rulegrid.node.internal.execution;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.WireTypes;

import java.io.IOException;
import java.util.Map;

/**
 * An atomic change of one ruleset record: append a version (and activate it) or activate an existing
 * version. Returns the active version, or {@link #NO_SUCH_VERSION} when the version to activate does not
 * exist (then nothing changes). Backups receive the new record. Where the registry is persisted, the write goes
 * through its MapStore to PostgreSQL first: if that fails, the entry is unchanged and the failure is thrown.
 */
public final class RegistryUpdate implements EntryProcessor<String, HazelcastJsonValue, Integer>,
        IdentifiedDataSerializable {

    /** What {@link #process} returns when asked to activate a version that does not exist. */
    public static final int NO_SUCH_VERSION = -1;

    private String sourceName;
    private String source;
    private int activate;
    private long now;
    private String by;
    private final transient ComputedWrite written = new ComputedWrite();

    RegistryUpdate() {
    }

    /** Appends a version and activates it; {@code by} is recorded as who deployed it. */
    public static RegistryUpdate append(String sourceName, String source, long now, String by) {
        RegistryUpdate update = new RegistryUpdate();
        update.sourceName = sourceName;
        update.source = source;
        update.now = now;
        update.by = by;
        return update;
    }

    /** Activates an existing version; {@code by} is recorded as who activated it. */
    public static RegistryUpdate activate(int version, long now, String by) {
        RegistryUpdate update = new RegistryUpdate();
        update.activate = version;
        update.now = now;
        update.by = by;
        return update;
    }

    @Override
    public Integer process(Map.Entry<String, HazelcastJsonValue> entry) {
        RuleSetRecord current = RuleSetRecord.fromJson(entry.getValue());
        RuleSetRecord updated;
        if (source != null) {
            updated = RuleSetRecord.appended(current, entry.getKey(), sourceName, source, now, by);
        } else {
            if (current == null || current.version(activate).isEmpty()) {
                return NO_SUCH_VERSION;
            }
            updated = current.withActive(activate, now, by);
        }
        written.write(entry, updated.toJson());
        return updated.active();
    }

    @Override
    public EntryProcessor<String, HazelcastJsonValue, Integer> getBackupProcessor() {
        return written.backupProcessor();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(sourceName);
        out.writeString(source);
        out.writeInt(activate);
        out.writeLong(now);
        out.writeString(by);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sourceName = in.readString();
        source = in.readString();
        activate = in.readInt();
        now = in.readLong();
        by = in.readString();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.REGISTRY_UPDATE;
    }
}
