package io.rulegrid.grid.wire;

/**
 * Asks one member which rulesets it does not have in effect as recorded, and why; sent to every member by
 * {@code rulesets list}. The answer is a JSON object {@code {"ruleset": "why"}}, empty when all are in effect.
 */
public class RegistryStatusTask extends QueryTask<String> {

    @Override
    public final int getClassId() {
        return WireTypes.REGISTRY_STATUS_TASK;
    }
}
