package io.rulegrid.client;

import io.rulegrid.grid.wire.BulkSummary;

/**
 * A fact a bulk evaluation could not evaluate; it is unchanged unless {@link #retriable()}, when the outcome
 * of its call is unknown.
 *
 * @param key     the fact's key
 * @param code    why: {@code RETRIABLE} (the outcome is unknown: its member left, its backup could not be
 *                confirmed), {@code CALL_FAILED} (another failed call), or the evaluation failure's code
 *                ({@code EVALUATION}, {@code NO_RULESET}, {@code NO_FACT}, {@code MALFORMED_FACT}, {@code UNKNOWN})
 * @param message what went wrong
 */
public record FailedKey(String key, String code, String message) {

    /** The code of a call whose outcome is unknown. */
    public static final String RETRIABLE = BulkSummary.RETRIABLE;

    /** Whether sending the evaluation of this key again can cure it; any other failure would fail again. */
    public boolean retriable() {
        return RETRIABLE.equals(code);
    }
}
