/**
 * The RuleGrid rule engine's public API: compile rule files with {@link io.rulegrid.rules.RuleCompiler},
 * evaluate a compiled {@link io.rulegrid.rules.RuleSet} over a fact, read the
 * {@link io.rulegrid.api.EvaluationResult}. Facts are JSON objects ({@link io.rulegrid.api.Facts}).
 * Every error is a {@link io.rulegrid.api.RuleGridException}.
 *
 * <p>This module has no Hazelcast, Kafka or Redis dependency: grid members embed it.
 */
package io.rulegrid.rules;
