package io.rulegrid.node.internal.execution;

import io.rulegrid.grid.wire.DeployOutcome;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.node.internal.GridEngine;

/** The member's {@link RegistryTask}: deploys or activates, and answers once every member has the change. */
final class MemberRegistryTask extends RegistryTask {

    private final transient GridEngine engine;

    MemberRegistryTask(GridEngine engine) {
        this.engine = engine;
    }

    @Override
    public DeployOutcome call() {
        return isDeploy() ? engine.deploy(sourceName(), source()) : engine.activate(name(), version());
    }
}
