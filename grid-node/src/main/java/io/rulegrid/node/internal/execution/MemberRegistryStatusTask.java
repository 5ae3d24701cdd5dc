package io.rulegrid.node.internal.execution;

import io.rulegrid.grid.wire.RegistryStatusTask;
import io.rulegrid.node.internal.GridEngine;

/** The member's {@link RegistryStatusTask}: answers the rulesets this member does not have in effect, and why. */
final class MemberRegistryStatusTask extends RegistryStatusTask {

    private final transient GridEngine engine;

    MemberRegistryStatusTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public String call() {
        return engine.registryProblems();
    }
}
