package io.rulegrid.api;

/**
 * Something a rule emitted with {@code emit(type, value)}.
 *
 * @param rule  the rule whose action emitted it ({@code null} in replies from members of earlier builds)
 * @param type  the output's type, as the rule named it
 * @param value a JSON value (a copy taken when it was emitted)
 */
public record Output(String rule, String type, Object value) {
}
