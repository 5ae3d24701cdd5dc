package io.rulegrid.api;

/**
 * An evaluation that failed: a condition or action threw, a condition did not yield a boolean, a rule
 * broke the sandbox at run time, or the firing limit or time budget ran out. The fact is unchanged.
 */
public class RuleEvaluationException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public RuleEvaluationException(String ruleset, String rule, Object key, String reason, Throwable cause) {
        super(describe(ruleset, rule, key, reason), ruleset, rule, key, cause);
        this.reason = reason;
    }

    /** This error with the key of the fact it happened on, for callers that know the key. */
    public RuleEvaluationException withKey(Object key) {
        return new RuleEvaluationException(ruleset().orElse(null), rule().orElse(null), key, reason(), getCause());
    }

    /** The message without the ruleset, rule and key prefix. */
    public String reason() {
        return reason;
    }

    private static String describe(String ruleset, String rule, Object key, String message) {
        StringBuilder where = new StringBuilder("ruleset \"").append(ruleset).append('"');
        if (rule != null) {
            where.append(" rule \"").append(rule).append('"');
        }
        if (key != null) {
            where.append(" key \"").append(key).append('"');
        }
        return where.append(": ").append(message).toString();
    }
}
