package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;

/**
 * The highest event time the pipeline has seen: the time that the aggregate stages' Jet watermarks, and so the
 * eviction of idle groups, follow. It never goes back, so no event is ever behind the watermark, and Jet, which
 * drops such events in a stage with a time-to-live, drops none (see {@link WindowedAggregates}).
 */
final class EventClock implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private long highest = Long.MIN_VALUE;

    /** The clock once an event at {@code eventTime} was seen. */
    long advance(long eventTime) {
        highest = Math.max(highest, eventTime);
        return highest;
    }
}
