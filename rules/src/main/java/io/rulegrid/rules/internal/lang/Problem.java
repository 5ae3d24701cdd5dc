package io.rulegrid.rules.internal.lang;

/**
 * A compile error inside one condition or action: where ({@code offset} into the expression text) and a
 * message that says what to write instead.
 */
record Problem(int offset, String message) {
}
