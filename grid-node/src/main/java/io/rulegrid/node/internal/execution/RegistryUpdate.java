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
 * exist (then nothing changes). Backups receive the new record.
 */
public final class RegistryUpdate implements EntryProcessor<String, HazelcastJsonValue, Integer>,
        IdentifiedDataSerializable {

    /** What {@link #process} returns when asked to activate a version that does not exist. */
    public static final int NO_SUCH_VERSION = -1;

    private String sourceName;
    private String source;
    private int activate;
    private long now;
    private final transient ComputedWrite written = new ComputedWrite();

    RegistryUpdate() {
    }

    public static RegistryUpdate append(String sourceName, String source, long now) {
        RegistryUpdate update = new RegistryUpdate();
        update.sourceName = sourceName;
        update.source = source;
        update.now = now;
        return update;
    }

    public static RegistryUpdate activate(int version) {
        RegistryUpdate update = new RegistryUpdate();
        update.activate = version;
        return update;
    }

    @Override
    public Integer process(Map.Entry<String, HazelcastJsonValue> entry) {
        RuleSetRecord current = RuleSetRecord.fromJson(entry.getValue());
        RuleSetRecord updated;
        if (source != null) {
            updated = RuleSetRecord.appended(current, entry.getKey(), sourceName, source, now);
        } else {
            if (current == null || current.version(activate).isEmpty()) {
                return NO_SUCH_VERSION;
            }
            updated = current.withActive(activate);
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sourceName = in.readString();
        source = in.readString();
        activate = in.readInt();
        now = in.readLong();
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
