package io.rulegrid.cli;

import java.util.Map;

/** A fact of a file being loaded, with its key and the line it starts on. */
record KeyedFact(String key, Map<String, Object> fact, int line) {
}
