package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.internal.engine.EvaluationScope;

/**
 * The functions an action may call, as MVEL's context object: an unqualified call such as
 * {@code emit("alert", x)} is a call of a public method here. Public only because MVEL calls it by
 * reflection; the sandbox allows no other unqualified call.
 */
public final class RuleFunctions {

    private final EvaluationScope scope;

    RuleFunctions(EvaluationScope scope) {
        this.scope = scope;
    }

    /** Adds an output to the result. */
    public void emit(String type, Object value) {
        scope.emit(type, value);
    }

    /** Deletes the fact and ends the evaluation. */
    public void retract() {
        scope.retract();
    }

    /** Ends the evaluation, keeping the changes. */
    public void halt() {
        scope.halt();
    }
}
