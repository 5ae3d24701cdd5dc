package io.rulegrid.node.internal.execution;

import io.rulegrid.grid.wire.StatsSnapshot;
import io.rulegrid.grid.wire.StatsTask;
import io.rulegrid.node.internal.GridEngine;

/** The member's {@link StatsTask}: answers this member's counters. */
final class MemberStatsTask extends StatsTask {

    private final transient GridEngine engine;

    MemberStatsTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public StatsSnapshot call() {
        return engine.stats();
    }
}
