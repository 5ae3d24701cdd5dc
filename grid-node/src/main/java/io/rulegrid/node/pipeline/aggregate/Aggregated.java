package io.rulegrid.node.pipeline.aggregate;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * An event with the values of its pipeline's aggregates, for the rules to read as {@code agg.NAME}
 * ({@code RuleSet.evaluate(fact, input, aggregates)}).
 *
 * @param item       the event, as it entered {@link WindowedAggregates#aggregate}
 * @param aggregates the value of each aggregate by name: a count is a Long, never {@code null}; sum, min, max and
 *                   avg are {@code null} over a window without numbers. An aggregate is absent when the event is not
 *                   counted in it: it has no fact, or no value of the aggregate's {@code by} field. Read-only.
 * @param <E>        the type of the events
 */
public record Aggregated<E>(E item, Map<String, Object> aggregates) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
