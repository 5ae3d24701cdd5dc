package io.rulegrid.demo;

import io.rulegrid.api.Facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A day of the seeds' shop as pipeline events (docs/pipelines.md): one upsert per order, keyed by the order's key so
 * that the events of one order stay in one partition, in order, and a handful of malformed events among them, each
 * of a kind the pipeline must send to its dead-letter topic rather than apply.
 *
 * <p>Every event carries the run's id ({@code id} is {@code RUN-N}, and a malformed event's text contains the run),
 * so that a reader of the decisions and dead-letter topics can tell this run's records from those of earlier runs,
 * which the embedded broker keeps.
 */
final class DayOfOrders {

    /** One record to send: the Kafka key ({@code null} for none) and value. */
    record Event(String key, String value) {
    }

    private final String run;
    private final List<Event> orders;
    private final List<Event> malformed;

    private DayOfOrders(String run, List<Event> orders, List<Event> malformed) {
        this.run = run;
        this.orders = orders;
        this.malformed = malformed;
    }

    /**
     * {@code count} orders of {@code ECommerceWorkload.order} (over {@code productCount} products), as upserts into
     * {@code namespace}, and the malformed events of {@link #malformed(String)}.
     */
    static DayOfOrders generate(String run, int count, String namespace, int productCount, long seed) {
        Random random = new Random(seed + 2);
        List<Event> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> order = ECommerceWorkload.order(i, productCount, random);
            String key = orderKey(i);
            order.put("id", key);
            orders.add(new Event(key, event(eventId(run, i), namespace, key, "upsert", order)));
        }
        return new DayOfOrders(run, orders, malformed(run));
    }

    /** The key of the day's order {@code index}: a key space of its own, apart from the demo's other orders. */
    static String orderKey(int index) {
        return String.format(Locale.ROOT, "day-order-%05d", index);
    }

    /** The {@code id} of the event of order {@code index}: the run, then the index. */
    static String eventId(String run, int index) {
        return run + "-" + index;
    }

    /** The run's id, in every event's {@code id} and in every malformed event's text. */
    String run() {
        return run;
    }

    List<Event> orders() {
        return orders;
    }

    List<Event> malformed() {
        return malformed;
    }

    /** The orders with the malformed events spread among them, in the order they are sent. */
    List<Event> all() {
        List<Event> all = new ArrayList<>(orders.size() + malformed.size());
        int every = Math.max(1, orders.size() / (malformed.size() + 1));
        int next = 0;
        for (int i = 0; i < orders.size(); i++) {
            if (i > 0 && i % every == 0 && next < malformed.size()) {
                all.add(malformed.get(next++));
            }
            all.add(orders.get(i));
        }
        all.addAll(malformed.subList(next, malformed.size()));
        return all;
    }

    /**
     * One event of each kind a pipeline refuses: not JSON, an unknown op, an upsert without a fact, no key at all,
     * an invalid namespace, and an order whose rules fail ({@code total} a string, which a rule compares with a
     * number), whose upsert is then not applied either.
     */
    private static List<Event> malformed(String run) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "bad-" + run);
        order.put("paymentMethod", "CARD");
        order.put("total", "a lot");
        order.put("country", "VN");
        order.put("status", "NEW");
        String key = "bad-" + run;
        return List.of(
                new Event(key + "-1", "not an event (" + run + ")"),
                new Event(key + "-2", event(run + "-bad-2", null, key + "-2", "merge", Map.of("total", 1))),
                new Event(key + "-3", event(run + "-bad-3", null, key + "-3", "upsert", null)),
                new Event(null, event(run + "-bad-4", null, null, "upsert", Map.of("total", 1))),
                new Event(key + "-5", event(run + "-bad-5", "no such namespace", key + "-5", "upsert",
                        Map.of("total", 1))),
                new Event(key + "-6", event(run + "-bad-6", null, key + "-6", "upsert", order)));
    }

    /** An event's JSON; a {@code null} field is left out. */
    private static String event(String id, String namespace, String key, String op, Map<String, Object> fact) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        if (namespace != null) {
            event.put("namespace", namespace);
        }
        if (key != null) {
            event.put("key", key);
        }
        event.put("op", op);
        if (fact != null) {
            event.put("fact", fact);
        }
        return Facts.toJson(event);
    }
}
