package io.rulegrid.grid.wire;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.RuleSetRecord;

import java.io.IOException;
import java.util.Map;

/**
 * An atomic change of one ruleset record: append a version (and activate it) or activate an existing
 * version. Returns the active version, or {@link #NO_SUCH_VERSION} when the version to activate does not
 * exist (then nothing changes). Backups receive the new record.
 */
public final class RegistryUpdate extends WritingEntryProcessor<Integer> {

    /** What {@link #process} returns when asked to activate a version that does not exist. */
    public static final int NO_SUCH_VERSION = -1;

    private String sourceName;
    private String source;
    private int activate;
    private long now;

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
        write(entry, updated.toJson());
        return updated.active();
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
    public int getClassId() {
        return WireTypes.REGISTRY_UPDATE;
    }
}
