package io.rulegrid.rules.internal.lang;

import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.engine.EvaluationScope;
import io.rulegrid.rules.internal.engine.Expression;
import io.rulegrid.rules.internal.engine.ExpressionFailedException;

/** A compiled condition or action: its code, and its text for the position of run-time errors. */
final class LangExpression implements Expression {

    private final Code code;
    private final int localCount;
    private final SourceText source;

    LangExpression(Code code, int localCount, SourceText source) {
        this.code = code;
        this.localCount = localCount;
        this.source = source;
    }

    @Override
    public Object run(EvaluationScope scope) {
        if (localCount > 0) {
            scope.locals(localCount);
        }
        try {
            return code.eval(scope);
        } catch (EvalException e) {
            SourceText.Position at = source.positionOf(e.offset());
            throw new ExpressionFailedException("at " + at.line() + ":" + at.column() + ": " + e.getMessage());
        }
    }
}
