package io.rulegrid.cli;

import java.io.Closeable;
import java.io.IOException;

/** The records of a file being loaded, one at a time, so that a file of any size loads in bounded memory. */
interface RecordReader extends Closeable {

    /**
     * The next record, or {@code null} after the last.
     *
     * @throws BadRecordException if the next record cannot be read; the following call goes on with the record
     *                            after it, or returns {@code null} when nothing after it can be read
     * @throws IOException        if the file cannot be read
     */
    SourceRecord next() throws IOException, BadRecordException;
}
