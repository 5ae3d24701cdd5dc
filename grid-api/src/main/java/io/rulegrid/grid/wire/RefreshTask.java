package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.MemberEngine;

import java.io.IOException;

/**
 * Makes one member reload (and compile) a ruleset's record; sent to every member after a registry change.
 * Answers {@code ""} when the member has the record's active version in effect, else why not.
 */
public final class RefreshTask extends MemberTask<String> {

    private String name;

    RefreshTask() {
    }

    public RefreshTask(String name) {
        this.name = name;
    }

    @Override
    String run(MemberEngine engine) {
        return engine.refresh(name);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(name);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        name = in.readString();
    }

    @Override
    public int getClassId() {
        return WireTypes.REFRESH_TASK;
    }
}
