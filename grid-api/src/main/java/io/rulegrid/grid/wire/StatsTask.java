package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.MemberEngine;

/** Reads one member's evaluation counters; sent to every member and summed by the caller. */
public final class StatsTask extends MemberTask<StatsSnapshot> {

    public StatsTask() {
    }

    @Override
    StatsSnapshot run(MemberEngine engine) {
        return engine.stats();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no fields: the task only asks
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no fields: the task only asks
    }

    @Override
    public int getClassId() {
        return WireTypes.STATS_TASK;
    }
}
