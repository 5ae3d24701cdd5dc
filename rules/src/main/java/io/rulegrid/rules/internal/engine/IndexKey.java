package io.rulegrid.rules.internal.engine;

/**
 * A test {@code field == constant} that a condition's top-level conjunction contains: the condition
 * cannot hold unless the fact's field equals the constant.
 *
 * @param field top-level field name
 * @param value a {@code String}, {@code Long} or {@code Boolean} constant
 */
public record IndexKey(String field, Object value) {
}
