package io.rulegrid.rules.internal.lang;

import io.rulegrid.rules.internal.engine.EvaluationScope;

/**
 * A compiled node of a condition or action: a closure over the syntax tree, built once per ruleset and
 * shared by all threads. All per-evaluation state is in the scope.
 */
@FunctionalInterface
interface Code {

    Object eval(EvaluationScope scope);
}
