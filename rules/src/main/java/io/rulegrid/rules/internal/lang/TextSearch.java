package io.rulegrid.rules.internal.lang;

import io.rulegrid.rules.internal.engine.Meter;

/**
 * Substring search in time linear in the text, charged as it goes. {@code String.indexOf} compares the
 * pattern at every position, which for a long text and a long, almost matching pattern is quadratic; for
 * those it gives way to Knuth–Morris–Pratt.
 */
final class TextSearch {

    /** Below this text length × pattern length the JDK's search is fast whatever the input. */
    private static final long QUADRATIC_LIMIT = 1L << 20;
    private static final int CHARS_PER_CHARGE = 1024;

    private TextSearch() {
    }

    /** As {@link String#indexOf(String, int)}. */
    static int indexOf(String text, String pattern, int from, Meter meter) {
        int start = Math.max(0, from);
        meter.charge((text.length() - Math.min(start, text.length())) / 64 + 1);
        if (pattern.isEmpty() || (long) text.length() * pattern.length() <= QUADRATIC_LIMIT) {
            return text.indexOf(pattern, start);
        }
        return knuthMorrisPratt(text, pattern, start, meter);
    }

    static boolean contains(String text, String pattern, Meter meter) {
        return indexOf(text, pattern, 0, meter) >= 0;
    }

    /** As {@link String#lastIndexOf(String)}. */
    static int lastIndexOf(String text, String pattern, Meter meter) {
        meter.charge(text.length() / 64 + 1);
        if (pattern.isEmpty() || (long) text.length() * pattern.length() <= QUADRATIC_LIMIT) {
            return text.lastIndexOf(pattern);
        }
        meter.allocate((long) text.length() + pattern.length());
        String reversedText = reversed(text);
        String reversedPattern = reversed(pattern);
        int found = knuthMorrisPratt(reversedText, reversedPattern, 0, meter);
        return found < 0 ? -1 : text.length() - found - pattern.length();
    }

    /** As {@link String#replace(CharSequence, CharSequence)}, failing as soon as the result passes max-string. */
    static String replace(int at, String text, String target, String replacement, Meter meter) {
        if (target.isEmpty()) {
            long length = (long) (text.length() + 1) * replacement.length() + text.length();
            Values.checkString(at, length, meter);
            meter.allocate(length);
            return text.replace(target, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int found = indexOf(text, target, 0, meter); found >= 0; found = indexOf(text, target, from, meter)) {
            out.append(text, from, found).append(replacement);
            Values.checkString(at, out.length(), meter);
            from = found + target.length();
        }
        out.append(text, from, text.length());
        Values.checkString(at, out.length(), meter);
        meter.allocate(out.length());
        return out.toString();
    }

    /** The chars in reverse order; unlike StringBuilder.reverse, surrogate pairs are not kept together. */
    private static String reversed(String text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(chars.length - 1 - i);
        }
        return new String(chars);
    }

    private static int knuthMorrisPratt(String text, String pattern, int from, Meter meter) {
        int m = pattern.length();
        meter.allocate(m);
        int[] border = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            if (i % CHARS_PER_CHARGE == 0) {
                meter.charge(CHARS_PER_CHARGE / 64);
            }
            while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
                k = border[k - 1];
            }
            if (pattern.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = from, k = 0; i < text.length(); i++) {
            if (i % CHARS_PER_CHARGE == 0) {
                meter.charge(CHARS_PER_CHARGE / 64);
            }
            while (k > 0 && text.charAt(i) != pattern.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            if (k == m) {
                return i - m + 1;
            }
        }
        return -1;
    }
}
