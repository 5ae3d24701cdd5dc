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
    /** Largest compiled size, in instructions, estimated with repetitions expanded as RE2 expands them. */
    static final int MAX_PROGRAM = 10_000;
    /** Most work one match may take, input characters × program size: RE2 matching cannot be interrupted. */
    static final long MAX_MATCH_WORK = 50_000_000L;
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
        int size = programSize(regex);
        if (size > MAX_PROGRAM) {
            throw new EvalException(at, "regular expression too large once its repetitions are expanded (about "
                    + size + " instructions; at most " + MAX_PROGRAM + ")");
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
        chargeMatch(at, input, regex, meter);
        return pattern.matches(input);
    }

    /** Charges a match before it runs, and refuses one that would take too long to be cut off by the budget. */
    private static void chargeMatch(int at, String input, String regex, Meter meter) {
        long work = (long) (input.length() + 1) * programSize(regex);
        if (work > MAX_MATCH_WORK) {
            throw new EvalException(at, "regular expression too costly for this input (" + input.length()
                    + " characters × about " + programSize(regex) + " instructions); shorten the text or the pattern");
        }
        meter.charge(work / 64 + 1);
    }

    /**
     * The size of the program RE2 compiles a pattern to, estimated: one instruction per atom, with a group or
     * atom followed by {@code {n}} or {@code {n,m}} counted that many times (nested repetitions multiply).
     * Saturates well above {@link #MAX_PROGRAM}.
     */
    static int programSize(String regex) {
        java.util.ArrayDeque<long[]> groups = new java.util.ArrayDeque<>();
        groups.push(new long[] {0});
        long last = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            long atom;
            if (c == '\\') {
                i++;
                atom = 1;
            } else if (c == '[') {
                i = classEnd(regex, i);
                atom = 1;
            } else if (c == '(') {
                groups.push(new long[] {0});
                last = 0;
                continue;
            } else if (c == ')' && groups.size() > 1) {
                atom = groups.pop()[0] + 1;
            } else if (c == '{' && last > 0) {
                int close = regex.indexOf('}', i);
                long count = close < 0 ? 1 : largestCount(regex.substring(i + 1, close));
                if (close >= 0) {
                    i = close;
                }
                long[] top = groups.peek();
                top[0] = Math.min(1L << 40, top[0] - last + last * Math.max(1, count));
                last = 0;
                continue;
            } else {
                atom = 1;
            }
            groups.peek()[0] = Math.min(1L << 40, groups.peek()[0] + atom);
            last = atom;
        }
        long total = 0;
        for (long[] group : groups) {
            total = Math.min(1L << 40, total + group[0]);
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static int classEnd(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.charAt(i) == ']' && i > open + 1) {
                return i;
            }
        }
        return regex.length();
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

    /** Splits as {@link String#split(String)} does: trailing empty strings are dropped. */
    static List<Object> split(int at, String input, String regex, Meter meter) {
        Pattern pattern = compile(at, regex);
        chargeMatch(at, input, regex, meter);
        String[] parts = pattern.split(input);
        Values.checkSize(at, parts.length, meter);
        meter.allocate(input.length() + parts.length);
        return new ArrayList<>(Arrays.asList((Object[]) parts));
    }
}
