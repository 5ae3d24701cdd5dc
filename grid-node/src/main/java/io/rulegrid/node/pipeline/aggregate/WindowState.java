package io.rulegrid.node.pipeline.aggregate;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The events of one group for one window length: what a sliding window over event time needs to answer, for an
 * event at time {@code t}, the count, sum, min, max or average of the events of {@code (t - window, t]}, the event
 * itself included.
 *
 * <p>Out-of-order events. The state remembers the latest event time of the group. An event at most
 * {@code allowedLateness} behind it ({@code t >= latest - allowedLateness}) is counted: it is kept, every later
 * event whose window covers its time sees it, and it sees the window ending at its own time (not at the latest).
 * An event further behind is too late: it is not kept, so no other event ever sees it, but it still gets the values
 * of the window ending at its own time, over what the state still holds plus itself. Those may miss events already
 * dropped (below), so the values of a too-late event are a best effort.
 *
 * <p>Memory. An entry whose time is at or before {@code latest - window - allowedLateness} can no longer be in the
 * window of an event that is counted, so it is dropped: the state holds at most the events of the last
 * {@code window + allowedLateness} of the group's event time.
 *
 * <p>Not thread-safe: Jet gives each group's state to one processor. Serializable because Jet keeps it in the job's
 * snapshots; only the held entries are written.
 */
public final class WindowState implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int INITIAL_CAPACITY = 4;

    private final long windowMillis;
    private final long allowedLatenessMillis;
    /** The latest event time counted; meaningless while {@link #seen} is false. */
    private long latest;
    private boolean seen;
    /** The held entries are {@code [start, end)} of these, in event time order, equal times in arrival order. */
    private transient long[] times;
    private transient Number[] values;
    private transient int start;
    private transient int end;
    /** Counts the events taken in, so that a view of an earlier window refuses to answer instead of answering wrong. */
    private transient long version;

    /**
     * @param windowMillis          the window's length, more than 0
     * @param allowedLatenessMillis how far behind the group's latest event an event is still counted, 0 or more
     */
    public WindowState(long windowMillis, long allowedLatenessMillis) {
        if (windowMillis <= 0 || allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("window must be more than 0 and allowed lateness 0 or more, but are "
                    + windowMillis + " ms and " + allowedLatenessMillis + " ms");
        }
        this.windowMillis = windowMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.times = new long[INITIAL_CAPACITY];
        this.values = new Number[INITIAL_CAPACITY];
    }

    /**
     * Takes an event in and returns the window ending at its time.
     *
     * @param eventTime the event's time, epoch milliseconds
     * @param value     the event's number, or {@code null} when its field holds none (it then counts for
     *                  {@code count} only)
     * @return the window {@code (eventTime - window, eventTime]}, this event included; valid until the next call
     */
    public WindowView add(long eventTime, Number value) {
        version++;
        boolean counted = !seen || eventTime >= minus(latest, allowedLatenessMillis);
        if (counted) {
            insert(upperBound(eventTime), eventTime, value);
            if (!seen || eventTime > latest) {
                latest = eventTime;
                seen = true;
                evictUpTo(minus(minus(latest, windowMillis), allowedLatenessMillis));
            }
        }
        int from = upperBound(minus(eventTime, windowMillis));
        int to = upperBound(eventTime);
        return new WindowView(this, version, from, to, counted, counted ? null : value);
    }

    /** The held value at an index of the arrays, for a view of the current version. */
    Number valueAt(long viewVersion, int index) {
        if (viewVersion != version) {
            throw new IllegalStateException("this window view is stale: the state took another event since");
        }
        return values[index];
    }

    /** How many events the state holds. */
    public int size() {
        return end - start;
    }

    /** The times of the held events, oldest first. */
    public long[] heldTimes() {
        return Arrays.copyOfRange(times, start, end);
    }

    /** The index of the first held entry whose time is after {@code time}: where an event at that time goes. */
    private int upperBound(long time) {
        int low = start;
        int high = end;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void insert(int at, long time, Number value) {
        if (end == times.length) {
            int offset = start;
            if (start > 0) {
                // room at the front from evicted entries: move the entries down instead of growing
                System.arraycopy(times, start, times, 0, end - start);
                System.arraycopy(values, start, values, 0, end - start);
                Arrays.fill(values, end - start, end, null);
            } else {
                times = Arrays.copyOf(times, times.length * 2);
                values = Arrays.copyOf(values, values.length * 2);
            }
            at -= offset;
            end -= offset;
            start = 0;
        }
        System.arraycopy(times, at, times, at + 1, end - at);
        System.arraycopy(values, at, values, at + 1, end - at);
        times[at] = time;
        values[at] = value;
        end++;
    }

    private void evictUpTo(long time) {
        int first = upperBound(time);
        Arrays.fill(values, start, first, null);
        start = first;
        if (start == end) {
            start = 0;
            end = 0;
        } else if (end - start < times.length / 4 && times.length > INITIAL_CAPACITY) {
            // a burst that has left the window gives its memory back
            int capacity = Math.max(INITIAL_CAPACITY, (end - start) * 2);
            times = Arrays.copyOfRange(times, start, start + capacity);
            values = Arrays.copyOfRange(values, start, start + capacity);
            end -= start;
            start = 0;
        }
    }

    /** {@code a - b}, kept at {@link Long#MIN_VALUE} instead of wrapping round for times near it. */
    private static long minus(long a, long b) {
        long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? Long.MIN_VALUE : difference;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(end - start);
        for (int i = start; i < end; i++) {
            out.writeLong(times[i]);
            out.writeObject(values[i]);
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int size = in.readInt();
        if (size < 0) {
            throw new java.io.InvalidObjectException("negative entry count " + size);
        }
        int capacity = Math.max(INITIAL_CAPACITY, size);
        times = new long[capacity];
        values = new Number[capacity];
        for (int i = 0; i < size; i++) {
            times[i] = in.readLong();
            values[i] = (Number) in.readObject();
        }
        start = 0;
        end = size;
    }

    @Override
    public String toString() {
        return "WindowState[" + windowMillis + " ms, lateness " + allowedLatenessMillis + " ms, " + size()
                + " events" + (seen ? ", latest " + latest : "") + "]";
    }
}
