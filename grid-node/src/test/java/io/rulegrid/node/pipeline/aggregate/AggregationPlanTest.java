package io.rulegrid.node.pipeline.aggregate;

import io.rulegrid.node.config.AggregateConfig;
import io.rulegrid.node.config.AggregateFunction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a pipeline's aggregates become keyed stages and window states. */
class AggregationPlanTest {

    private static AggregateConfig aggregate(AggregateFunction function, String field, long windowSeconds, String by,
                                             long latenessSeconds) {
        return new AggregateConfig(function, field, Duration.ofSeconds(windowSeconds), by,
                Duration.ofSeconds(latenessSeconds));
    }

    @Test
    void oneGroupingPerDistinctByWithTheFactKeyFirstAndATimeToLiveOfItsLongestWindowAndLateness() {
        AggregationPlan plan = AggregationPlan.of(Map.of(
                "perFact", aggregate(AggregateFunction.COUNT, null, 60, null, 0),
                "orders", aggregate(AggregateFunction.COUNT, null, 600, "customer", 30),
                "spent", aggregate(AggregateFunction.SUM, "total", 3_600, "customer", 0),
                "perShop", aggregate(AggregateFunction.MAX, "total", 60, "shop.id", 0)));

        assertThat(plan.groupings()).extracting(grouping -> String.valueOf(grouping.by()))
                .containsExactly("null", "customer", "shop.id");
        assertThat(plan.groupings()).extracting(AggregationPlan.Grouping::ttlMillis)
                .containsExactly(60_000L, 3_600_000L, 60_000L);
    }

    @Test
    void aggregatesOverTheSameWindowShareItsStateAndCountJoinsAnyOfItsLengthAndLateness() {
        AggregationPlan plan = AggregationPlan.of(Map.of(
                "spent", aggregate(AggregateFunction.SUM, "total", 600, "customer", 5),
                "average", aggregate(AggregateFunction.AVG, "total", 600, "customer", 5),
                "orders", aggregate(AggregateFunction.COUNT, null, 600, "customer", 5),
                "items", aggregate(AggregateFunction.SUM, "items", 600, "customer", 5),
                "ordersHour", aggregate(AggregateFunction.COUNT, null, 3_600, "customer", 5)));

        AggregationPlan.Grouping grouping = plan.groupings().get(0);
        assertThat(grouping.slots()).hasSize(3);
        Map<String, Integer> slotByName = new java.util.TreeMap<>();
        grouping.members().forEach(member -> slotByName.put(member.name(), member.slot()));
        assertThat(slotByName.get("average")).isEqualTo(slotByName.get("spent"));
        assertThat(slotByName.get("orders")).isIn(slotByName.get("spent"), slotByName.get("items"));
        assertThat(slotByName.get("items")).isNotEqualTo(slotByName.get("spent"));
        assertThat(grouping.slots().get(slotByName.get("ordersHour")).field()).isEqualTo(-1);
    }
}
