package io.rulegrid.rules.internal.lang;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.rulegrid.rules.internal.engine.Meter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regular expressions of rules ({@code matches}, {@code split}, {@code ~=}) on RE2/J: matching takes time
 * linear in the input, so no pattern can backtrack without bound. RE2 syntax has no backreferences or
 * lookaround; a pattern that uses them is an error naming the problem.
 */
final class Regexes {

    /** Longest pattern a rule may use. */
    static final int MAX_PATTERN = 1_000;
    private static final int CACHE_SIZE = 512;

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regexes() {
    }

    /** Compiles a pattern, or reports why it is not a valid RE2 pattern. */
    static Pattern compile(int at, String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        if (regex.length() > MAX_PATTERN) {
            throw new EvalException(at, "regular expression of " + regex.length() + " characters; at most " + MAX_PATTERN);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new EvalException(at, "invalid regular expression (RE2 syntax: no backreferences or lookaround): "
                    + e.getMessage());
        }
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(regex, pattern);
        return pattern;
    }

    static boolean matches(int at, String input, String regex, Meter meter) {
        Pattern pattern = compile(at, regex);
        meter.charge(input.length() / 8 + 1);
        return pattern.matches(input);
    }

    /** Splits as {@link String#split(String)} does: trailing empty strings are dropped. */
    static List<Object> split(int at, String input, String regex, Meter meter) {
        Pattern pattern = compile(at, regex);
        meter.charge(input.length() / 8 + 1);
        String[] parts = pattern.split(input);
        Values.checkSize(at, parts.length, meter);
        return new ArrayList<>(Arrays.asList((Object[]) parts));
    }
}
