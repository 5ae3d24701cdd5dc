package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;

/**
 * Deploys a rule file or activates a version, on one member: the member compiles the file, stores the new
 * record, and waits until every member has it in effect.
 */
public class RegistryTask extends MemberTask<DeployOutcome> {

    private String sourceName;
    private String source;
    private String name;
    private int version;

    protected RegistryTask() {
    }

    public static RegistryTask deploy(String sourceName, String source) {
        RegistryTask task = new RegistryTask();
        task.sourceName = sourceName;
        task.source = source;
        return task;
    }

    public static RegistryTask activate(String name, int version) {
        RegistryTask task = new RegistryTask();
        task.name = name;
        task.version = version;
        return task;
    }

    /** Whether this deploys a rule file ({@link #sourceName}, {@link #source}) rather than activates a version. */
    protected final boolean isDeploy() {
        return source != null;
    }

    /** The rule file's name, of a deploy. */
    protected final String sourceName() {
        return sourceName;
    }

    /** The rule file's text, of a deploy. */
    protected final String source() {
        return source;
    }

    /** The ruleset, of an activation. */
    protected final String name() {
        return name;
    }

    /** The version to activate. */
    protected final int version() {
        return version;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(sourceName);
        out.writeString(source);
        out.writeString(name);
        out.writeInt(version);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        sourceName = in.readString();
        source = in.readString();
        name = in.readString();
        version = in.readInt();
    }

    @Override
    public final int getClassId() {
        return WireTypes.REGISTRY_TASK;
    }
}
