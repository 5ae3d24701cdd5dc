package io.rulegrid.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/**
 * One JSON array of facts, read an element at a time rather than as a whole. An element that is not an object is
 * a bad record; after a syntax error nothing further can be told apart, so the read ends there.
 */
final class JsonArrayReader implements RecordReader {

    /** Read as {@link Facts#parse} reads: exact decimals, and a field name given twice is an error. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonParser parser;
    private boolean inArray;
    private boolean ended;

    JsonArrayReader(Reader reader) throws IOException {
        this.parser = JSON.createParser(reader);
    }

    @Override
    public SourceRecord next() throws IOException, BadRecordException {
        if (ended) {
            return null;
        }
        int line = parser.currentLocation().getLineNr();
        try {
            if (!inArray) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    ended = true;
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    throw endWith(parser.currentTokenLocation().getLineNr(), "a .json file holds one JSON array of"
                            + " facts (for one fact per line, name it .jsonl or give --format jsonl)");
                }
                inArray = true;
            }
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                ended = true;
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            Object element = JSON.readValue(parser, Object.class);
            if (!(element instanceof Map)) {
                throw new BadRecordException(line, "a fact must be a JSON object but this element is not");
            }
            return new SourceRecord(line, fact(element));
        } catch (JsonProcessingException e) {
            throw endWith(e.getLocation() == null ? line : e.getLocation().getLineNr(), "malformed JSON: "
                    + e.getOriginalMessage() + "; the rest of the file is not read");
        } catch (MalformedFactException e) {
            throw new BadRecordException(line, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked") // the normalized form of a Map is a Map<String, Object>
    private static Map<String, Object> fact(Object object) {
        return (Map<String, Object>) Facts.normalize(object);
    }

    private BadRecordException endWith(int line, String reason) {
        ended = true;
        return new BadRecordException(line, reason);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
