package io.rulegrid.rules.internal.easyrules;

import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.text.LineMap;

import com.fasterxml.jackson.core.JsonLocation;


/**
 * Turns Jackson's token locations into file positions. Columns count UTF-16 characters, as
 * {@link SourceText#positionOf} and the RGL parser do, while SnakeYAML counts code points; the two differ
 * after a character outside the Basic Multilingual Plane, such as an emoji.
 *
 * <p>A string value's text may start after its token: Jackson reports where the token starts, which for
 * everything but a plain scalar is a character before the text: a quote, a block scalar header ({@code |},
 * {@code >-}, ...), a tag ({@code !!str}) or an anchor.
 */
final class SourcePositions {

    private final String text;
    private final boolean codePointColumns;
    private final LineMap lines;

    /**
     * @param codePointColumns whether the parser counts columns in code points (YAML) rather than characters
     */
    SourcePositions(String text, boolean codePointColumns) {
        this.text = text;
        this.codePointColumns = codePointColumns;
        this.lines = new LineMap(text);
    }

    /** Where the token at {@code location} starts. */
    SourceText.Position at(JsonLocation location) {
        return at(location.getLineNr(), location.getColumnNr());
    }

    /** The file position of the parser's 1-based {@code line} and {@code column}. */
    SourceText.Position at(int line, int column) {
        return lines.positionOf(offsetOf(line, column));
    }

    /** The value {@code value} of the token at {@code token}, positioned at its first character. */
    SourceText textAt(JsonLocation token, String value) {
        int offset = skipTagsAndAnchors(offsetOf(token.getLineNr(), token.getColumnNr()));
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
     * text, but it may be narrower than the first line's leading spaces (an explicit indentation
     * indicator such as {@code |2}), so the text starts at the first column from which the rest of the
     * line is how the value begins.
     */
    private SourceText blockScalar(int header, String value) {
        int contentLine = lines.lineIndexOf(header) + 1;
        // past the last line only when SnakeYAML saw a line break this class does not count (a lone \r)
        if (value.isEmpty() || contentLine >= lines.lineCount()) {
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
        SourceText.Position at = lines.positionOf(offset);
        return new SourceText(value, at.line(), at.column());
    }

    private int offsetOf(int line, int column) {
        int start = lines.lineStart(Math.min(Math.max(line, 1), lines.lineCount()) - 1);
        int columns = Math.max(column, 1) - 1;
        if (!codePointColumns) {
            return Math.min(start + columns, text.length());
        }
        int offset = start;
        for (int i = 0; i < columns && offset < text.length(); i++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return offset;
    }

    private String lineText(int line) {
        int end = line + 1 < lines.lineCount() ? lines.lineStart(line + 1) - 1 : text.length();
        if (end > lines.lineStart(line) && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(lines.lineStart(line), end);
    }
}
