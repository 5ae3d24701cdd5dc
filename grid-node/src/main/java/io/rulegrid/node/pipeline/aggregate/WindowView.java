package io.rulegrid.node.pipeline.aggregate;

import io.rulegrid.node.config.AggregateFunction;

/**
 * The window of one event, as {@link WindowState#add} returns it: the held events of {@code (t - window, t]} and,
 * for an event too late to be kept, the event itself. Reads the state's entries without copying them, so it answers
 * only until the state takes the next event (then it throws {@link IllegalStateException}).
 */
public final class WindowView implements AggregateNumbers.Sequence {

    private final WindowState state;
    private final long version;
    private final int from;
    private final int to;
    private final boolean counted;
    private final Number ownValue;

    WindowView(WindowState state, long version, int from, int to, boolean counted, Number ownValue) {
        this.state = state;
        this.version = version;
        this.from = from;
        this.to = to;
        this.counted = counted;
        this.ownValue = ownValue;
    }

    /** Whether the event was counted (kept for the windows of other events), {@code false} when it was too late. */
    public boolean counted() {
        return counted;
    }

    /**
     * The function over the window: {@code count} a Long (never 0, the event is in its own window); the others
     * over the window's numbers only, {@code null} when it holds none.
     *
     * @throws IllegalStateException when the state has taken another event since this window
     */
    public Object value(AggregateFunction function) {
        return switch (function) {
            case COUNT -> (long) size();
            case SUM -> AggregateNumbers.sum(this);
            case MIN -> AggregateNumbers.extreme(this, -1);
            case MAX -> AggregateNumbers.extreme(this, 1);
            case AVG -> {
                Number sum = AggregateNumbers.sum(this);
                yield sum == null ? null : AggregateNumbers.average(sum, AggregateNumbers.numbers(this));
            }
        };
    }

    @Override
    public int size() {
        return to - from + (counted ? 0 : 1);
    }

    @Override
    public Number get(int index) {
        return from + index < to ? state.valueAt(version, from + index) : ownValue;
    }
}
