package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.internal.engine.EvaluationScope;
import io.rulegrid.rules.internal.engine.Expression;
import org.mvel2.MVEL;

import java.io.Serializable;

/** A compiled MVEL condition or action. */
final class MvelExpression implements Expression {

    private final Serializable compiled;
    private volatile boolean warm;

    MvelExpression(Serializable compiled) {
        this.compiled = compiled;
    }

    @Override
    public Object run(EvaluationScope scope) {
        Object value = MVEL.executeExpression(compiled, new RuleFunctions(scope), new FactVariables(scope));
        warm = true;
        return value;
    }

    @Override
    public boolean warm() {
        return warm;
    }
}
