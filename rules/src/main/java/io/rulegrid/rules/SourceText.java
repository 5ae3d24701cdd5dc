package io.rulegrid.rules;

import java.util.Objects;

/**
 * A piece of expression text (a condition or an action) and where it starts in its source file, so
 * that errors found inside the text can be reported at the file's line and column.
 *
 * @param text   the expression text exactly as written
 * @param line   1-based line in the source file of the text's first character
 * @param column 1-based column in the source file of the text's first character
 */
public record SourceText(String text, int line, int column) {

    public SourceText {
        Objects.requireNonNull(text, "text");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("source position is " + line + ":" + column + " but must be >= 1:1");
        }
    }

    /** The file position of the character at {@code offset} within {@link #text()}. */
    public Position positionOf(int offset) {
        int line = this.line;
        int column = this.column;
        int end = Math.min(Math.max(offset, 0), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    /** A 1-based line and column in a source file. */
    public record Position(int line, int column) {
    }
}
