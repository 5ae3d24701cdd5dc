package io.rulegrid.grid.wire;

import io.rulegrid.grid.MemberEngine;

/**
 * Asks one member which rulesets it does not have in effect as recorded, and why; sent to every member by
 * {@code rulesets list}. The answer is a JSON object {@code {"ruleset": "why"}}, empty when all are in effect.
 */
public final class RegistryStatusTask extends QueryTask<String> {

    public RegistryStatusTask() {
    }

    @Override
    String run(MemberEngine engine) {
        return engine.registryProblems();
    }

    @Override
    public int getClassId() {
        return WireTypes.REGISTRY_STATUS_TASK;
    }
}
