package io.rulegrid.grid.wire;

/** Reads one member's evaluation counters; sent to every member and summed by the caller. */
public class StatsTask extends QueryTask<StatsSnapshot> {

    @Override
    public final int getClassId() {
        return WireTypes.STATS_TASK;
    }
}
