package io.rulegrid.client;

import java.time.Instant;

/**
 * One change of a ruleset's active version, as the registry recorded it.
 *
 * @param type    {@code DEPLOY} (a new version, now active), {@code ACTIVATE} (a later version made active again)
 *                or {@code ROLLBACK} (an earlier version made active)
 * @param version the version that became active
 * @param at      when
 * @param by      who made the change: the address of the member that stored it
 */
public record RuleSetEvent(String type, int version, Instant at, String by) {
}
