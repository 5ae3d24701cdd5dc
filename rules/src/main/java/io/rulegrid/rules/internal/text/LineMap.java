package io.rulegrid.rules.internal.text;

import io.rulegrid.rules.SourceText;

import java.util.Arrays;

/** Turns offsets in a text into 1-based lines and columns. */
public final class LineMap {

    private final int[] lineStarts;

    public LineMap(String text) {
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

    /** The 1-based line and column of the character at {@code offset}. */
    public SourceText.Position positionOf(int offset) {
        int line = lineIndexOf(offset);
        return new SourceText.Position(line + 1, offset - lineStarts[line] + 1);
    }

    /** The 0-based index of the line holding {@code offset}. */
    public int lineIndexOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index : -index - 2;
    }

    /** The offset where the line of 0-based index {@code line} starts. */
    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** The number of lines (a text without a line break has one). */
    public int lineCount() {
        return lineStarts.length;
    }
}
