package io.rulegrid.rules.internal.easyrules;

import io.rulegrid.rules.SourceText;

import com.fasterxml.jackson.core.JsonLocation;

import java.util.Arrays;

/**
 * Finds where the text of a YAML or JSON string value starts in its file. Jackson reports where the
 * value's token starts, which for everything but a plain scalar is a character before the text: a
 * quote, a block scalar header ({@code |}, {@code >-}, ...), a tag ({@code !!str}) or an anchor.
 */
final class SourcePositions {

    private final String text;
    private final int[] lineStarts;

    SourcePositions(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** The value {@code value} of the token at {@code token}, positioned at its first character. */
    SourceText textAt(JsonLocation token, String value) {
        int offset = skipTagsAndAnchors(offsetOf(token));
        char first = offset < text.length() ? text.charAt(offset) : ' ';
        if (first == '"' || first == '\'') {
            return startingAt(offset + 1, value);
        }
        if (first == '|' || first == '>') {
            return blockScalar(offset, value);
        }
        return startingAt(offset, value);
    }

    /**
     * A block scalar's text starts on the line after its header. Its indentation is not part of the
     * text, but it may be smaller than the first line's leading spaces (an explicit indentation
     * indicator such as {@code |2}), so the column is where the rest of the line is how the value starts.
     */
    private SourceText blockScalar(int header, String value) {
        int contentLine = lineIndexOf(header) + 1;
        if (value.isEmpty() || contentLine >= lineStarts.length) {
            return startingAt(header, value);
        }
        if (value.charAt(0) == '\n') {
            // leading empty lines are part of the text, so it starts at the beginning of the first one
            return new SourceText(value, contentLine + 1, 1);
        }
        String line = lineText(contentLine);
        int column = 0;
        while (column < line.length() && line.charAt(column) == ' ' && !value.startsWith(line.substring(column))) {
            column++;
        }
        return new SourceText(value, contentLine + 1, column + 1);
    }

    private int skipTagsAndAnchors(int offset) {
        int at = offset;
        while (at < text.length() && (text.charAt(at) == '!' || text.charAt(at) == '&')) {
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    private SourceText startingAt(int offset, String value) {
        int line = lineIndexOf(offset);
        return new SourceText(value, line + 1, offset - lineStarts[line] + 1);
    }

    private int offsetOf(JsonLocation location) {
        int line = Math.min(Math.max(location.getLineNr(), 1), lineStarts.length) - 1;
        return Math.min(lineStarts[line] + Math.max(location.getColumnNr(), 1) - 1, text.length());
    }

    private int lineIndexOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index : -index - 2;
    }

    private String lineText(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (end > lineStarts[line] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(lineStarts[line], end);
    }
}
