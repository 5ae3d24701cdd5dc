package io.rulegrid.grid.wire;

import io.rulegrid.grid.MemberEngine;

/** Reads one member's evaluation counters; sent to every member and summed by the caller. */
public final class StatsTask extends QueryTask<StatsSnapshot> {

    public StatsTask() {
    }

    @Override
    StatsSnapshot run(MemberEngine engine) {
        return engine.stats();
    }

    @Override
    public int getClassId() {
        return WireTypes.STATS_TASK;
    }
}
