package io.rulegrid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CSV with a header row naming the fields. CSV has no types, so a cell is read as: empty, the field is absent (CSV
 * cannot tell an empty string from a missing value, and rules read an absent field as {@code null}); a JSON
 * number, a number ({@code 10}, {@code -2.5}, {@code 1e3}; {@code 007} is not one and stays text); {@code true} or
 * {@code false}, a boolean; anything else, a string. The key column is always text, as written. A row with fewer
 * cells than the header lacks the fields at the end; one with more is a bad record. Blank lines are ignored.
 */
final class CsvReader implements RecordReader {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final CsvParser parser;
    private final String keyColumn;

    /** Reads CSV whose column {@code keyColumn} holds the keys. */
    CsvReader(Reader reader, String keyColumn) throws IOException {
        this.parser = CSV.getFactory().createParser(reader);
        this.parser.setSchema(CsvSchema.emptySchema().withHeader());
        this.keyColumn = keyColumn;
    }

    @Override
    public SourceRecord next() throws IOException, BadRecordException {
        JsonToken token;
        do {
            token = nextTokenOrNull();
            if (token == null) {
                return null;
            }
        } while (token != JsonToken.START_OBJECT);
        return row();
    }

    /** The cells of one row, up to its END_OBJECT; a bad cell or row is reported after the whole row is read. */
    private SourceRecord row() throws IOException, BadRecordException {
        Map<String, Object> fields = new LinkedHashMap<>();
        int line = -1;
        String problem = null;
        String column = null;
        while (true) {
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (JsonProcessingException e) {
                // the parser goes on with the rest of the row after reporting a bad one
                if (problem == null) {
                    problem = e.getOriginalMessage();
                    line = line < 0 ? e.getLocation().getLineNr() : line;
                }
                continue;
            }
            if (token == null || token == JsonToken.END_OBJECT) {
                break;
            }
            if (token == JsonToken.FIELD_NAME) {
                column = parser.currentName();
                line = line < 0 ? parser.currentTokenLocation().getLineNr() : line;
            } else if (problem == null) {
                try {
                    putCell(fields, column, parser.getText());
                } catch (MalformedFactException e) {
                    problem = "column \"" + column + "\": " + e.getMessage();
                }
            }
        }
        line = line < 0 ? parser.currentLocation().getLineNr() : line;
        if (problem != null) {
            throw new BadRecordException(line, problem);
        }
        return new SourceRecord(line, fields);
    }

    private void putCell(Map<String, Object> fields, String column, String cell) {
        if (cell.isEmpty()) {
            return;
        }
        if (column.equals(keyColumn) || !(JSON_NUMBER.matcher(cell).matches() || isBoolean(cell))) {
            fields.put(column, cell);
        } else {
            fields.put(column, Facts.parseValue(cell));
        }
    }

    private static boolean isBoolean(String cell) {
        return cell.equals("true") || cell.equals("false");
    }

    /** The next token between rows (the header is read with the first). */
    private JsonToken nextTokenOrNull() throws IOException, BadRecordException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new BadRecordException(e.getLocation().getLineNr(), e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
