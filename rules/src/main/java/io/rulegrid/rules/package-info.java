/**
 * The RuleGrid rule engine's public API: compile rule files with {@link io.rulegrid.rules.RuleCompiler},
 * evaluate a compiled {@link io.rulegrid.rules.RuleSet} over a fact, read the
 * {@link io.rulegrid.rules.EvaluationResult}. Facts are JSON objects ({@link io.rulegrid.rules.Facts}).
 * Every error is a {@link io.rulegrid.rules.RuleGridException}.
 *
 * <p>This module has no Hazelcast, Kafka or Redis dependency: grid members embed it.
 */
package io.rulegrid.rules;
