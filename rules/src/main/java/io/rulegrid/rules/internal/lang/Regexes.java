package io.rulegrid.rules.internal.lang;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.rulegrid.rules.internal.engine.Meter;

import java.util.ArrayList;
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
    /** Largest compiled size, in instructions, estimated with repetitions expanded as RE2 expands them. */
    static final int MAX_PROGRAM = 10_000;
    /** Most work one match may take, input characters × program size: RE2 matching cannot be interrupted. */
    static final long MAX_MATCH_WORK = 50_000_000L;
    private static final int CACHE_SIZE = 512;

    /** A compiled pattern and its estimated program size, computed once. */
    private record Compiled(Pattern pattern, int size) {
    }

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern COUNTED_REPETITION = java.util.regex.Pattern.compile("\\{([0-9, ]+)}");

    private Regexes() {
    }

    /** Compiles a pattern, or reports why it is not a valid RE2 pattern. */
    private static Compiled compile(int at, String regex) {
        Compiled cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        if (regex.length() > MAX_PATTERN) {
            throw new EvalException(at, "regular expression of " + regex.length() + " characters; at most " + MAX_PATTERN);
        }
        int size = programSize(regex);
        if (size > MAX_PROGRAM) {
            throw new EvalException(at, "regular expression too large once its repetitions are expanded (about "
                    + size + " instructions; at most " + MAX_PROGRAM + ")");
        }
        Compiled compiled;
        try {
            compiled = new Compiled(Pattern.compile(regex), size);
        } catch (PatternSyntaxException e) {
            throw new EvalException(at, "invalid regular expression (RE2 syntax: no backreferences or lookaround): "
                    + e.getMessage());
        }
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(regex, compiled);
        return compiled;
    }

    static boolean matches(int at, String input, String regex, Meter meter) {
        Compiled compiled = compile(at, regex);
        chargeSearch(at, input.length(), compiled, meter);
        return compiled.pattern().matches(input);
    }

    /**
     * Charges a search over {@code length} characters before it runs (its work is at most length × program
     * size), and refuses one that would take too long to be cut off by the budget: RE2 cannot be interrupted.
     */
    private static void chargeSearch(int at, int length, Compiled compiled, Meter meter) {
        long work = (length + 1L) * compiled.size();
        if (work > MAX_MATCH_WORK) {
            throw new EvalException(at, "regular expression too costly for this input (" + length
                    + " characters × about " + compiled.size() + " instructions); shorten the text or the pattern");
        }
        meter.charge(work / 64 + 1);
    }

    /**
     * The size of the program RE2 compiles a pattern to, bounded from above: the pattern's length times every
     * counted repetition in it ({@code {n}}, {@code {n,m}}), as if each applied to the whole pattern. Crude,
     * but it needs no second parser of RE2's syntax (quoting, classes, flags) to be safe: nested repetitions
     * are what make programs large, and they multiply here too. Saturates above {@link #MAX_PROGRAM}.
     */
    static int programSize(String regex) {
        long size = regex.length() + 1L;
        java.util.regex.Matcher counts = COUNTED_REPETITION.matcher(regex);
        while (counts.find() && size <= MAX_PROGRAM) {
            size *= largestCount(counts.group(1));
        }
        return (int) Math.min(size, MAX_PROGRAM + 1L);
    }

    private static long largestCount(String bounds) {
        long largest = 1;
        for (String bound : bounds.split(",")) {
            try {
                largest = Math.max(largest, Long.parseLong(bound.trim()));
            } catch (NumberFormatException notACount) {
                // {,} or text that is no repetition: RE2 reads it literally, one atom
            }
        }
        return largest;
    }

    /**
     * Splits as {@link String#split(String)} does: no leading empty string for a match of nothing at the start,
     * trailing empty strings dropped. Each search is charged for the text it may scan, so a pattern that scans
     * to the end from every position is cut off by the budget.
     */
    static List<Object> split(int at, String input, String regex, Meter meter) {
        Compiled compiled = compile(at, regex);
        Matcher matcher = compiled.pattern().matcher(input);
        List<Object> parts = new ArrayList<>();
        int from = 0;
        int searchFrom = 0;
        while (true) {
            chargeSearch(at, input.length() - searchFrom, compiled, meter);
            if (!matcher.find()) {
                break;
            }
            searchFrom = matcher.end();
            if (matcher.end() == 0) {
                continue;
            }
            parts.add(input.substring(from, matcher.start()));
            Values.checkSize(at, parts.size(), meter);
            from = matcher.end();
        }
        parts.add(input.substring(from));
        while (parts.size() > 1 && ((String) parts.get(parts.size() - 1)).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        if (parts.size() == 1 && ((String) parts.get(0)).isEmpty() && !input.isEmpty()) {
            parts.clear();
        }
        meter.allocate(input.length() + parts.size());
        return parts;
    }
}
