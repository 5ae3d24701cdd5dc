package io.rulegrid.cli;

import java.util.Map;

/** One record of a file being loaded, in the JSON form of facts, and the line it starts on. */
record SourceRecord(int line, Map<String, Object> fields) {
}
