package io.rulegrid.rules;

import java.util.Optional;

/**
 * The root of every error RuleGrid reports. It carries, where known, the ruleset, the rule and the fact
 * key the error is about, so callers can act on them without parsing the message.
 */
public class RuleGridException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ruleset;
    private final String rule;
    private final Object key;

    public RuleGridException(String message, String ruleset, String rule, Object key, Throwable cause) {
        super(message, cause);
        this.ruleset = ruleset;
        this.rule = rule;
        this.key = key;
    }

    /** The ruleset the error is about. */
    public Optional<String> ruleset() {
        return Optional.ofNullable(ruleset);
    }

    /** The rule the error is about. */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    /** The key of the fact the error is about. */
    public Optional<Object> key() {
        return Optional.ofNullable(key);
    }
}
