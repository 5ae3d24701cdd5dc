package io.rulegrid.rules;

/**
 * The time source of an evaluation: {@link #wallMillis()} is what rules see as {@code now}, and
 * {@link #nanoTime()} measures the time budget. Tests inject their own to avoid sleeping.
 */
public interface Ticker {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long wallMillis();

    /** The system clock. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** The system clock. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    }
}
