package io.rulegrid.rules.internal.engine;

/**
 * A test {@code field OP constant} in a condition's top-level conjunction: the condition cannot hold
 * unless it does. The rule index answers such tests for all rules at once.
 *
 * @param field    a top-level fact field
 * @param operator {@code ==}, {@code <}, {@code <=}, {@code >} or {@code >=}, with the field on the left
 * @param constant a {@code String}, {@code Boolean}, {@code Long}, {@code Double} or {@code BigDecimal}
 * @param position the conjunct's place in the condition's {@code &&} chain, from 0
 */
public record Constraint(String field, String operator, Object constant, int position) {
}
