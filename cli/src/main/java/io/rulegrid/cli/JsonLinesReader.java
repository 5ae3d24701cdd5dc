package io.rulegrid.cli;

import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/** JSON lines: one JSON object per line; blank lines are ignored. */
final class JsonLinesReader implements RecordReader {

    private final BufferedReader lines;
    private int lineNumber;

    JsonLinesReader(Reader reader) {
        this.lines = new BufferedReader(reader);
    }

    @Override
    public SourceRecord next() throws IOException, BadRecordException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        try {
            return new SourceRecord(lineNumber, Facts.parse(line));
        } catch (MalformedFactException e) {
            throw new BadRecordException(lineNumber, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
