package io.rulegrid.node.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as {@code rulegrid.yaml} writes them: a whole number and a unit, {@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 1h}. One form only, so that {@code 10} (which unit?) or {@code 1.5m} are refused instead of
 * guessed.
 */
final class ConfigDurations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    private ConfigDurations() {
    }

    /**
     * @param key  the key the text is the value of, for the error
     * @param text the value, e.g. {@code 10m}
     * @throws InvalidConfigException naming {@code key} when the text is not a duration
     */
    static Duration parse(String key, String text) {
        Matcher matcher = text == null ? null : DURATION.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new InvalidConfigException("rulegrid config", key, "is '" + text + "' but must be a duration: a"
                    + " whole number followed by ms, s, m or h, such as 500ms, 30s, 10m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
