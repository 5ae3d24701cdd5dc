package io.rulegrid.rules.internal.engine;

import java.util.Set;

/**
 * One conjunct of a condition's top-level {@code &&} chain, compiled on its own so that a test shared by
 * several rules is evaluated once per evaluation and remembered until a field it reads changes.
 *
 * @param key        the conjunct's canonical text: equal keys are the same test
 * @param expression yields a {@code Boolean}, or fails saying where
 * @param reads      the top-level fields it reads ({@code "*"}: the whole fact)
 */
public record ConditionPart(String key, Expression expression, Set<String> reads) {
}
