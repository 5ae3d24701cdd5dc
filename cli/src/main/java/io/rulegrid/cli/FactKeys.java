package io.rulegrid.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the key of a record is: a field of the fact ({@code --key-field sku}), or, without one, the record is an
 * export record {@code {"key":…,"fact":{…}}} as {@code fact export} writes it, so that an export loads back with
 * every key, also keys that are no field of their fact.
 */
final class FactKeys {

    private static final String KEY = "key";
    private static final String FACT = "fact";

    /** The field holding the key, or {@code null} for export records. */
    private final String keyField;

    private FactKeys(String keyField) {
        this.keyField = keyField;
    }

    /** Keys in a field of each fact; it must hold a string or a whole number. */
    static FactKeys inField(String keyField) {
        return new FactKeys(keyField);
    }

    /** Records as {@code fact export} writes them. */
    static FactKeys exportRecords() {
        return new FactKeys(null);
    }

    /** The line {@code fact export} writes for a fact. */
    static Map<String, Object> exportRecord(String key, Map<String, Object> fact) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(KEY, key);
        record.put(FACT, fact);
        return record;
    }

    /** The field holding the key, or {@code null} for export records. */
    String keyField() {
        return keyField;
    }

    /** A record's key and fact. */
    KeyedFact keyed(SourceRecord record) throws BadRecordException {
        Map<String, Object> fields = record.fields();
        if (keyField != null) {
            return new KeyedFact(key(fields.get(keyField), "key field \"" + keyField + "\"", record.line()), fields,
                    record.line());
        }
        if (!fields.keySet().equals(Set.of(KEY, FACT))) {
            throw new BadRecordException(record.line(), "not an export record {\"key\":…,\"fact\":{…}} (it has "
                    + List.copyOf(fields.keySet()) + "); to key plain facts by one of their fields, give --key-field");
        }
        if (!(fields.get(FACT) instanceof Map<?, ?>)) {
            throw new BadRecordException(record.line(), "\"fact\" of an export record must be a JSON object");
        }
        @SuppressWarnings("unchecked") // the fact was read as JSON: a Map<String, Object>
        Map<String, Object> fact = (Map<String, Object>) fields.get(FACT);
        return new KeyedFact(key(fields.get(KEY), "\"key\"", record.line()), fact, record.line());
    }

    /**
     * A key as text: a string as it is, a whole number in decimal; {@code what} names where the key is, for the
     * error.
     *
     * @throws BadRecordException if the value is missing, empty, or neither a string nor a whole number
     */
    static String key(Object value, String what, int line) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException(line, what + " is missing");
        }
        if (value instanceof Long whole) {
            return whole.toString();
        }
        if (!(value instanceof String text)) {
            throw new BadRecordException(line, what + " must be a string or a whole number, not "
                    + (value instanceof Map ? "an object" : value instanceof List ? "an array" : value));
        }
        if (text.isEmpty()) {
            throw new BadRecordException(line, what + " is empty");
        }
        return text;
    }
}
