package io.rulegrid.node.internal.execution;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.wire.MemberTask;
import io.rulegrid.grid.wire.WireTypes;
import io.rulegrid.node.internal.GridEngine;

import java.io.IOException;

/**
 * Makes one member reload (and compile) a ruleset's record; sent to every member after a registry change.
 * Answers {@code ""} when the member has the record's active version in effect, else why not.
 */
public final class RefreshTask extends MemberTask<String> {

    private final transient GridEngine engine;
    private String name;

    RefreshTask(GridEngine engine) {
        this.engine = engine;
    }

    public RefreshTask(GridEngine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    @Override
    public String call() {
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
