package io.rulegrid.node.config;

import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A member configuration RuleGrid refuses: names where the value came from (a file or a variable), the key in
 * it, and what is wrong, as {@code source: key: problem} on one line.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private final String source;
    private final String key;
    private final String problem;

    /**
     * @param source  the file or variable the value came from, e.g. {@code config/rulegrid.yaml}
     * @param key     the key path in it, e.g. {@code namespaces.products}
     * @param problem what is wrong and, where it helps, what to write instead
     */
    public InvalidConfigException(String source, String key, String problem) {
        super(source + ": " + key + ": " + oneLine(problem));
        this.source = Objects.requireNonNull(source, "source");
        this.key = Objects.requireNonNull(key, "key");
        this.problem = oneLine(problem);
    }

    /** YAML parser messages span several lines and underline the column with a lone {@code ^}; a log line is one. */
    private static String oneLine(String problem) {
        return problem.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.equals("^"))
                .collect(Collectors.joining(" "));
    }

    public String source() {
        return source;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
