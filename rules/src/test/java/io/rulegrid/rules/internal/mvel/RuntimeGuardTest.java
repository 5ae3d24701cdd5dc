package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.internal.engine.EvaluationScope;
import io.rulegrid.rules.internal.engine.Expression;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run-time half of the sandbox, proved by compiling escapes with MVEL alone (no compile-time check):
 * class names do not resolve, input cannot change. These are what still stands if the compile-time check
 * ever misses something.
 */
class RuntimeGuardTest {

    private final Map<String, Object> fact = new HashMap<>(Map.of("sku", "A-1"));
    private final EvaluationScope scope =
            new EvaluationScope(fact, Collections.unmodifiableMap(new HashMap<>(Map.of("limit", 5L))), 0L);

    @Test
    void runtimeClassLiteralDoesNotResolve() {
        RuleCompiler.parse("load.grl", "ruleset \"x\"");  // loads the compiler, which installs the guard
        Expression escape = MvelCompiler.compileWithoutSandbox("Runtime.getRuntime()");

        assertThatThrownBy(() -> escape.run(scope)).isInstanceOf(RuntimeException.class);
        assertThat(fact).containsOnlyKeys("sku");
    }

    @Test
    void systemClassLiteralDoesNotResolve() {
        Expression escape = MvelCompiler.compileWithoutSandbox("System.getProperty(\"user.home\")");

        assertThatThrownBy(() -> escape.run(scope)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void qualifiedClassNameIsReadAsAnAbsentFactField() {
        Expression escape = MvelCompiler.compileWithoutSandbox("java.lang.Runtime.getRuntime()");

        assertThatThrownBy(() -> escape.run(scope)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void inputCannotBeChanged() {
        Expression write = MvelCompiler.compileWithoutSandbox("input.limit = 100");

        assertThatThrownBy(() -> write.run(scope)).isInstanceOf(RuntimeException.class);
        assertThat(scope.input()).containsEntry("limit", 5L);
    }

    @Test
    void inputCannotBeReplaced() {
        Expression write = MvelCompiler.compileWithoutSandbox("input = 1");

        assertThatThrownBy(() -> write.run(scope)).isInstanceOf(RuntimeException.class);
        assertThat(scope.input()).containsEntry("limit", 5L);
    }
}
