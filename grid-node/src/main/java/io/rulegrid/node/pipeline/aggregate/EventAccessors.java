package io.rulegrid.node.pipeline.aggregate;

import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.ToLongFunctionEx;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * What {@link WindowedAggregates} needs to know of an event of type {@code E}, so that it depends on no event class
 * of its own. The functions travel inside the Jet job: members load no uploaded code, so they must be io.rulegrid or
 * Hazelcast classes (a method reference or lambda in an io.rulegrid class is one).
 *
 * @param eventTime the event's time, epoch milliseconds: for a Kafka feed the record's timestamp
 * @param factKey   the key of the event's fact, its group when an aggregate has no {@code by}; may return
 *                  {@code null} (the event is then not counted in those aggregates)
 * @param fact      the event's fact as JSON values ({@code io.rulegrid.api.Facts.parse}), where {@code field} and
 *                  {@code by} are read; {@code null} for an event without one (a delete), which is counted nowhere
 *                  and gets no aggregates. An event whose fact cannot be read (the function throws) is treated the
 *                  same way, so that one bad event does not fail the job.
 * @param <E>       the type of the events
 */
public record EventAccessors<E>(ToLongFunctionEx<? super E> eventTime, FunctionEx<? super E, String> factKey,
                                FunctionEx<? super E, ? extends Map<String, Object>> fact) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public EventAccessors {
        if (eventTime == null || factKey == null || fact == null) {
            throw new IllegalArgumentException("eventTime, factKey and fact must all be given");
        }
    }
}
