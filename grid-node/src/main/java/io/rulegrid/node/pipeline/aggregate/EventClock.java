package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pipeline's clock, kept by one processor in the cluster (see {@link WindowedAggregates}):
 * <ul>
 * <li>the highest event time the pipeline has seen: the time that the aggregate stages' Jet watermarks, and so the
 * eviction of idle groups, follow. It never goes back, so no event is ever behind the watermark, and Jet, which
 * drops such events in a stage with a time-to-live, drops none;</li>
 * <li>a number for each event in the order the events pass, by which the join puts an event's parts back together
 * and keeps the order of a fact's events;</li>
 * <li>an epoch, drawn anew whenever the clock is made or restored from a snapshot, so that numbers given before a
 * restart are never taken for numbers given after it.</li>
 * </ul>
 */
final class EventClock implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private long highest = Long.MIN_VALUE;
    private long next;
    /** Not saved: a clock restored from a snapshot draws a new one. */
    private transient long epoch;

    /** The clock once an event at {@code eventTime} was seen. */
    long advance(long eventTime) {
        highest = Math.max(highest, eventTime);
        return highest;
    }

    /** The number of the next event. */
    long nextSequence() {
        return next++;
    }

    /** This run's epoch: never 0, which the join takes for "none yet". */
    long epoch() {
        while (epoch == 0) {
            epoch = ThreadLocalRandom.current().nextLong();
        }
        return epoch;
    }
}
