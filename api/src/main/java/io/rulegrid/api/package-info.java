/**
 * What every caller of RuleGrid sees, whether it embeds the rule engine or talks to a cluster: an
 * evaluation's {@link io.rulegrid.api.EvaluationResult} and {@link io.rulegrid.api.Output}s, the typed errors
 * (all {@link io.rulegrid.api.RuleGridException}s, naming ruleset, rule and key), and {@link io.rulegrid.api.Facts},
 * the JSON form of facts. Holds no engine and no Hazelcast, so that a client carries neither.
 */
package io.rulegrid.api;
