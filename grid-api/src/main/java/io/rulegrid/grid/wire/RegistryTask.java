package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.MemberEngine;

import java.io.IOException;

/**
 * Deploys a rule file or activates a version, on one member: the member compiles the file (a second
 * validation after the client's), stores the new record, and waits until every member has it in effect.
 */
public final class RegistryTask extends MemberTask<DeployOutcome> {

    private String sourceName;
    private String source;
    private String name;
    private int version;

    RegistryTask() {
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

    @Override
    DeployOutcome run(MemberEngine engine) {
        return source != null ? engine.deploy(sourceName, source) : engine.activate(name, version);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(sourceName);
        out.writeString(source);
        out.writeString(name);
        out.writeInt(version);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sourceName = in.readString();
        source = in.readString();
        name = in.readString();
        version = in.readInt();
    }

    @Override
    public int getClassId() {
        return WireTypes.REGISTRY_TASK;
    }
}
