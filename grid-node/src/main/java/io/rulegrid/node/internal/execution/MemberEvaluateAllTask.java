package io.rulegrid.node.internal.execution;

import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluateAllTask;
import io.rulegrid.node.internal.GridEngine;

/** The member's {@link EvaluateAllTask}: selects the matching keys and evaluates each on its owner. */
final class MemberEvaluateAllTask extends EvaluateAllTask {

    private final transient GridEngine engine;

    MemberEvaluateAllTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public BulkSummary call() {
        return engine.evaluateMatching(request(), where());
    }
}
