package io.rulegrid.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

/** The formats {@code fact load} reads, told from the file's extension or given with {@code --format}. */
enum FactFormat {
    /** One JSON object per line ({@code .jsonl}, {@code .ndjson}); what {@code fact export} writes. */
    JSONL,
    /** One JSON array of objects ({@code .json}). */
    JSON,
    /** CSV with a header row ({@code .csv}); see {@link CsvReader} for how cells become values. */
    CSV;

    /**
     * The format of a file by its extension.
     *
     * @throws CliException if the extension is none of the known ones
     */
    static FactFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new CliException("cannot tell the format of " + file + " from its name (.jsonl, .ndjson, .json, .csv);"
                + " give --format jsonl|json|csv");
    }

    /**
     * Reads records of this format.
     *
     * @throws CliException if the format cannot hold the keys (CSV holds no export records)
     */
    RecordReader open(Reader reader, FactKeys keys) throws IOException {
        return switch (this) {
            case JSONL -> new JsonLinesReader(reader);
            case JSON -> new JsonArrayReader(reader);
            case CSV -> {
                if (keys.keyField() == null) {
                    throw new CliException("a CSV file needs --key-field naming the column of the keys");
                }
                yield new CsvReader(reader, keys.keyField());
            }
        };
    }
}
