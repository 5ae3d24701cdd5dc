package io.rulegrid.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;

/**
 * A progress bar of a load, redrawn in place on stderr when stderr is a terminal, and nothing otherwise (a log
 * gets the summary line only). The share done is the share of the file's bytes read.
 */
final class LoadProgress {

    /** Set by {@code scripts/rulegrid} when stderr is a terminal: Java 17 cannot tell that of stderr itself. */
    static final String TERMINAL_PROPERTY = "rulegrid.stderr.terminal";

    private static final long REDRAW_NANOS = 200_000_000;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final FileChannel file;
    private final boolean shown;
    private long lastDrawn;

    private LoadProgress(PrintWriter err, FileChannel file, boolean shown) {
        this.err = err;
        this.file = file;
        this.shown = shown;
    }

    /** Progress of reading {@code file}, drawn on {@code err} if the command's stderr is a terminal. */
    static LoadProgress of(FileChannel file, PrintWriter err) {
        return new LoadProgress(err, file, Boolean.getBoolean(TERMINAL_PROPERTY));
    }

    /** Redraws the bar, at most five times a second. */
    void loaded(long facts) throws IOException {
        long now = System.nanoTime();
        if (!shown || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        long size = Math.max(1, file.size());
        int percent = (int) Math.min(100, file.position() * 100 / size);
        int filled = percent * WIDTH / 100;
        err.printf("\r[%s%s] %3d%%  %,d facts", "#".repeat(filled), " ".repeat(WIDTH - filled), percent, facts);
        err.flush();
    }

    /** Clears the bar, so that the summary starts on a clean line. */
    void done() {
        if (shown && lastDrawn != 0) {
            err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            err.flush();
        }
    }
}
