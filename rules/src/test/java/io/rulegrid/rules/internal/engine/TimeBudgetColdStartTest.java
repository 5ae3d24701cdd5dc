package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.EvaluationResult;
import io.rulegrid.rules.Limits;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleEvaluationException;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time budget counts what rules do, not what the expression language does once per expression: the first
 * run of an expression (MVEL optimizes it then) is not counted; every later run is.
 */
class TimeBudgetColdStartTest {

    /** A clock that only moves when an expression says so. */
    private static final class ManualTicker implements Ticker {
        long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long wallMillis() {
            return 0;
        }
    }

    /** A condition that takes {@code coldMillis} on its first run and {@code warmMillis} on every later one. */
    private static final class SlowCondition implements Expression {
        private final ManualTicker ticker;
        private final long coldMillis;
        private final long warmMillis;
        private boolean ran;

        SlowCondition(ManualTicker ticker, long coldMillis, long warmMillis) {
            this.ticker = ticker;
            this.coldMillis = coldMillis;
            this.warmMillis = warmMillis;
        }

        @Override
        public Object run(EvaluationScope scope) {
            ticker.nanos += Duration.ofMillis(ran ? warmMillis : coldMillis).toNanos();
            ran = true;
            return Boolean.TRUE;
        }

        @Override
        public boolean warm() {
            return ran;
        }
    }

    private static CompiledRuleSet oneRule(Expression condition) {
        RuleDefinition definition = new RuleDefinition("slow", 0, false, null, true, "", List.of(),
                new SourceText("true", 1, 1), List.of(), 1, 1);
        CompiledRule rule = new CompiledRule(definition, 0, condition, List.of(), Set.of(), null, -1);
        return new CompiledRuleSet(new RuleSetDefinition("budget", "budget.grl", null, List.of(definition)),
                new Limits(10, Duration.ofMillis(50)), new CompiledRule[] {rule}, Map.of(), new int[0], new int[0][],
                Map.of("slow", rule));
    }

    @Test
    void firstRunOfAnExpressionIsNotCountedAgainstTheBudget() {
        ManualTicker ticker = new ManualTicker();
        CompiledRuleSet rules = oneRule(new SlowCondition(ticker, 200, 0));

        EvaluationResult result = rules.evaluate(Map.of(), Map.of(), ticker);

        assertThat(result.fired()).containsExactly("slow");
    }

    @Test
    void laterRunsAreCounted() {
        ManualTicker ticker = new ManualTicker();
        CompiledRuleSet rules = oneRule(new SlowCondition(ticker, 0, 200));
        rules.evaluate(Map.of(), Map.of(), ticker);

        assertThatThrownBy(() -> rules.evaluate(Map.of(), Map.of(), ticker))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("ruleset \"budget\" rule \"slow\": time budget of 50 ms exceeded after 0 firings");
    }
}
