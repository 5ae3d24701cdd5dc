package io.rulegrid.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Customers with their order history, facts of kilobytes, and rules that read every order: lifetime value,
 * orders and spend of the last 30 days, refunds, a tier and a fraud flag. The rules recompute these on every
 * evaluation but change the fact only when a value moves (a tier changes, a customer is flagged); settled
 * customers come back unchanged. About 125 bytes of JSON per order: 30 orders make a customer of ~4 KB, 250 one
 * of ~32 KB.
 */
final class CustomerWorkload {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final String[] STATUSES = {"DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "SHIPPED",
        "CANCELLED", "REFUNDED"};
    private static final String[] CHANNELS = {"web", "app", "store"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "GB"};

    /**
     * The ruleset {@code name}: {@code Totals} sums the orders (lifetime value without cancelled ones, the
     * last 30 days, refunds), {@code Tier} derives BRONZE to VIP from them, {@code Flag} and {@code Clear} set and
     * clear a fraud flag when refunds pile up, with an output when one is flagged.
     */
    static String rgl(String name) {
        return """
                ruleset "%s" time-budget 1s

                rule "Totals" salience 30 {
                  description "lifetime value, the last 30 days and refunds, over every order"
                  when orders != null
                  then
                    lifetimeValue = 0.0
                    recentOrders = 0
                    recentValue = 0.0
                    refunds = 0
                    foreach (o : orders) {
                      if (o.status != "CANCELLED") { lifetimeValue += o.total }
                      if (o.placedAt >= now - 30 * 86400000) { recentOrders++; recentValue += o.total }
                      if (o.status == "REFUNDED") { refunds++ }
                    }
                }

                rule "Tier" salience 20 {
                  when lifetimeValue != null && recentOrders != null
                  then
                    if (lifetimeValue >= 20000 && recentOrders >= 2) { tier = "VIP" }
                    else if (lifetimeValue >= 8000) { tier = "GOLD" }
                    else if (lifetimeValue >= 2000) { tier = "SILVER" }
                    else { tier = "BRONZE" }
                }

                rule "Flag" salience 10 {
                  when refunds != null && refunds >= 4 && recentValue > 1000 && fraudFlag != true
                  then
                    fraudFlag = true
                    emit("fraud", ["id": id, "refunds": refunds, "recentValue": recentValue])
                }

                rule "Clear" salience 10 {
                  when fraudFlag == true && refunds != null && refunds < 4
                  then fraudFlag = false
                }
                """.formatted(name);
    }

    /** The same rules plus a stamp, so that every evaluation changes the fact and must write it. */
    static String stampedRgl(String name) {
        return rgl(name) + "\nrule \"Stamp\" salience -100 no-loop { when true then evaluatedAt = now }\n";
    }

    static String key(int i) {
        return String.format("C-%07d", i);
    }

    /** {@code count} customers of {@code orders} orders each, placed over the two years before {@code now}. */
    static Map<String, Map<String, Object>> customers(int count, int orders, long now) {
        Random random = new Random(Workloads.SEED);
        Map<String, Map<String, Object>> customers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = key(i);
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("id", id);
            customer.put("name", "Customer " + i);
            customer.put("email", "customer." + i + "@example.com");
            customer.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
            customer.put("since", now - (730 + random.nextInt(2000)) * DAY_MILLIS);
            customer.put("tier", "BRONZE");
            List<Map<String, Object>> history = new ArrayList<>(orders);
            for (int o = 0; o < orders; o++) {
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("id", id + "-" + String.format("%04d", o));
                order.put("placedAt", now - random.nextInt(730) * DAY_MILLIS - random.nextInt(86_400_000));
                order.put("total", Math.round(random.nextDouble() * 40_000) / 100.0);
                order.put("status", STATUSES[random.nextInt(STATUSES.length)]);
                order.put("items", 1 + random.nextInt(9));
                order.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
                order.put("shipTo", COUNTRIES[random.nextInt(COUNTRIES.length)]);
                order.put("sku", "SKU-" + String.format("%06d", random.nextInt(1_000_000)));
                history.add(order);
            }
            customer.put("orders", history);
            customers.put(id, customer);
        }
        return customers;
    }

    private CustomerWorkload() {
    }
}
