package io.rulegrid.api;

import java.util.Optional;

/**
 * The root of every error RuleGrid reports. It carries, where known, the ruleset, the rule and the fact
 * key the error is about, and where it happened in a grid (namespace, ruleset version, member), so callers
 * can act on them without parsing the message.
 */
public class RuleGridException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ruleset;
    private final String rule;
    private final Object key;
    private String namespace;
    private Integer version;
    private String member;

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

    /** The fact namespace the error is about. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** The ruleset version the error is about. */
    public Optional<Integer> version() {
        return Optional.ofNullable(version);
    }

    /** The member the error happened on, as its address. */
    public Optional<String> member() {
        return Optional.ofNullable(member);
    }

    /**
     * Records where in a grid the error happened; the message then ends with it. {@code null} or 0 (for the
     * version) leave a part unknown.
     *
     * @return this exception
     */
    public RuleGridException locatedAt(String namespace, int version, String member) {
        this.namespace = namespace;
        this.version = version == 0 ? null : version;
        this.member = member;
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder where = new StringBuilder();
        if (namespace != null) {
            where.append("namespace \"").append(namespace).append('"');
        }
        if (version != null) {
            where.append(where.length() == 0 ? "" : ", ").append('v').append(version);
        }
        if (member != null) {
            where.append(where.length() == 0 ? "" : ", ").append("member ").append(member);
        }
        return where.length() == 0 ? super.getMessage() : super.getMessage() + " (" + where + ")";
    }
}
