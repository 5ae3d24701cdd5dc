package io.rulegrid.perf;

import io.rulegrid.api.Facts;
import io.rulegrid.demo.ECommerceWorkload;

import java.util.Map;
import java.util.Random;

/**
 * The Kafka benchmark's events: upserts of the demo's orders ({@link ECommerceWorkload#order}), a pool of
 * {@value #ORDERS} orders sent over and over, event {@code n} with id {@code e<n>} and the key of order
 * {@code n % ORDERS}, the Kafka record's key too (docs/pipelines.md). The JSON is built once per order, so that
 * sending costs the benchmark little CPU next to the members it measures.
 */
final class OrderEvents {

    static final int ORDERS = 10_000;
    static final String NAMESPACE = "orders";
    private static final String EVENT_ID_FIELD = "\"eventId\":\"e";
    private static final String TIMESTAMP_FIELD = "\"timestamp\":";
    private static final String INDEX_FIELD = "\"index\":";

    private final String[] keys = new String[ORDERS];
    private final String[] facts = new String[ORDERS];

    OrderEvents(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ORDERS; i++) {
            Map<String, Object> order = ECommerceWorkload.order(i, ECommerceWorkload.CATEGORIES * 100, random);
            keys[i] = (String) order.get("id");
            facts[i] = Facts.toJson(order);
        }
    }

    /** The Kafka key of event {@code n}: its order's key. */
    String key(int n) {
        return keys[n % ORDERS];
    }

    /** Event {@code n}'s JSON. */
    String value(int n) {
        int order = n % ORDERS;
        return "{\"id\":\"e" + n + "\",\"namespace\":\"" + NAMESPACE + "\",\"key\":\"" + keys[order]
                + "\",\"op\":\"upsert\",\"fact\":" + facts[order] + "}";
    }

    /**
     * The decision's {@code timestamp}, when the member had the evaluation's result (epoch milliseconds), or -1.
     */
    static long decisionTimestamp(String decision) {
        return wholeNumber(decision, TIMESTAMP_FIELD);
    }

    /** The decision's {@code index}, its output's position in the evaluation, or -1. */
    static long decisionIndex(String decision) {
        return wholeNumber(decision, INDEX_FIELD);
    }

    /** The digits after {@code field} in {@code decision}, or -1. */
    private static long wholeNumber(String decision, String field) {
        int start = decision == null ? -1 : decision.indexOf(field);
        if (start < 0) {
            return -1;
        }
        long value = 0;
        int i = start + field.length();
        for (; i < decision.length() && decision.charAt(i) >= '0' && decision.charAt(i) <= '9'; i++) {
            value = value * 10 + (decision.charAt(i) - '0');
        }
        return i == start + field.length() ? -1 : value;
    }

    /**
     * The event number a decision names in its {@code eventId}, or -1 for a record that is not a decision of these
     * events. Reads the text instead of parsing the JSON: the reader of the decisions topic runs on the cores it
     * measures.
     */
    static int eventNumber(String decision) {
        if (decision == null) {
            return -1;
        }
        int start = decision.indexOf(EVENT_ID_FIELD);
        if (start < 0) {
            return -1;
        }
        int n = 0;
        for (int i = start + EVENT_ID_FIELD.length(); i < decision.length(); i++) {
            char c = decision.charAt(i);
            if (c == '"') {
                return i == start + EVENT_ID_FIELD.length() ? -1 : n;
            }
            if (c < '0' || c > '9' || n > (Integer.MAX_VALUE - 9) / 10) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return -1;
    }
}
