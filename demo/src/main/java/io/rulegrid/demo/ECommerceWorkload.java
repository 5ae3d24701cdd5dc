package io.rulegrid.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The e-commerce workload of the seed documents, generated deterministically: products, orders, and
 * pricing / promotion / payment rulesets of any size. The demo, the tests and the benchmarks use the same
 * generator so that their numbers describe the same work.
 *
 * <p>Product rules are spread over {@value #CATEGORIES} categories, and each condition starts with
 * {@code category == "cat-N"}, so a product is a candidate for about {@code ruleCount / 100} rules.
 */
public final class ECommerceWorkload {

    /** Product categories {@code cat-0} … {@code cat-99}. */
    public static final int CATEGORIES = 100;

    /**
     * The demo runs three members and a client on whatever cores the machine has (two, here): a garbage
     * collection or a JIT burst can stall a partition thread for tens of milliseconds, so the workload's
     * rulesets allow more than the default 50 ms before calling an evaluation runaway.
     */
    private static final String TIME_BUDGET = " time-budget 250ms";

    private static final String[] BRANDS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne"};
    private static final String[] PAYMENT_METHODS = {"CARD", "PAYPAL", "BANK", "CRYPTO"};
    private static final String[] COUNTRIES = {"VN", "SG", "US", "DE", "FR", "BR", "JP"};

    private ECommerceWorkload() {
    }

    /** {@code count} products with keys {@code sku-00000} …, as JSON facts. */
    public static List<Map<String, Object>> products(int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double cost = round(5 + random.nextDouble() * 195);
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("sku", sku(i));
            product.put("category", "cat-" + random.nextInt(CATEGORIES));
            product.put("brand", BRANDS[random.nextInt(BRANDS.length)]);
            product.put("cost", cost);
            product.put("price", round(cost * (0.95 + random.nextDouble() * 0.6)));
            product.put("stock", (long) random.nextInt(200));
            product.put("rating", round(1 + random.nextDouble() * 4));
            product.put("status", random.nextInt(20) == 0 ? "DISCONTINUED" : "ACTIVE");
            product.put("tags", new ArrayList<>(List.of(random.nextBoolean() ? "new" : "classic")));
            product.put("clearance", false);
            products.add(product);
        }
        return products;
    }

    /** The key of product {@code index}. */
    public static String sku(int index) {
        return String.format(Locale.ROOT, "sku-%05d", index);
    }

    /** An order of one of {@code productCount} products, with key {@code order-<index>}. */
    public static Map<String, Object> order(int index, int productCount, Random random) {
        int quantity = 1 + random.nextInt(5);
        double unitPrice = round(5 + random.nextDouble() * 300);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "order-" + index);
        order.put("customer", "customer-" + random.nextInt(5_000));
        order.put("sku", sku(random.nextInt(productCount)));
        order.put("quantity", (long) quantity);
        order.put("total", round(unitPrice * quantity));
        order.put("paymentMethod", PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)]);
        order.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        order.put("status", "NEW");
        return order;
    }

    /**
     * A ruleset of {@code ruleCount} pricing and promotion rules over products, in RGL. A third of the rules
     * reprice products sold under a target margin, a third grant promotions (one per product, by activation
     * group), a third flag clearance stock.
     */
    public static String rulesRgl(String rulesetName, int ruleCount, long seed) {
        Random random = new Random(seed);
        StringBuilder rgl = new StringBuilder("ruleset \"").append(rulesetName).append("\"").append(TIME_BUDGET)
                .append("\n\n");
        for (int i = 0; i < ruleCount; i++) {
            int category = i % CATEGORIES;
            switch ((i / CATEGORIES) % 3) {
                case 0 -> {
                    double margin = 1.05 + random.nextInt(10) / 100.0;
                    rule(rgl, "reprice-" + i, "salience 20 no-loop activation-group \"pricing-" + category + "\"",
                            "category == \"cat-" + category + "\" && status == \"ACTIVE\" && price < cost * " + margin,
                            "price = Math.round(cost * " + margin + " * 100) / 100.0;\n"
                                    + "    emit(\"reprice\", [\"sku\": sku, \"price\": price, \"rule\": \"reprice-" + i + "\"]);");
                }
                case 1 -> {
                    int minStock = 20 + random.nextInt(100);
                    double minRating = 2 + random.nextInt(25) / 10.0;
                    double discount = 0.05 + random.nextInt(6) / 100.0;
                    rule(rgl, "promo-" + i, "salience 10 activation-group \"promotion-" + category + "\"",
                            "category == \"cat-" + category + "\" && stock > " + minStock + " && rating >= " + minRating,
                            "discount = " + discount + ";\n"
                                    + "    emit(\"promotion\", [\"sku\": sku, \"discount\": discount, \"rule\": \"promo-" + i + "\"]);");
                }
                default -> {
                    int minStock = 120 + random.nextInt(60);
                    rule(rgl, "clearance-" + i, "no-loop",
                            "category == \"cat-" + category + "\" && stock > " + minStock + " && clearance == false",
                            "clearance = true;\n    tags.add(\"clearance\");");
                }
            }
        }
        return rgl.toString();
    }

    /**
     * The payment rules applied to every order as it arrives. Each order gets one decision of the payment
     * activation group, {@code fraud-check} or {@code approved}, as an output: a pipeline writes outputs to its
     * decisions topic, so a reader of that topic sees every order decided (the streaming phase counts on it).
     */
    public static String paymentRulesRgl(String rulesetName) {
        StringBuilder rgl = new StringBuilder("ruleset \"").append(rulesetName).append("\"").append(TIME_BUDGET)
                .append("\n\n");
        rule(rgl, "crypto-review", "salience 30 activation-group \"payment\"",
                "paymentMethod == \"CRYPTO\" && total > 500", "status = \"REVIEW\"; emit(\"fraud-check\", id);");
        rule(rgl, "large-card", "salience 20 activation-group \"payment\"",
                "paymentMethod == \"CARD\" && total > 1000", "status = \"REVIEW\"; emit(\"fraud-check\", id);");
        rule(rgl, "approve", "salience 0 activation-group \"payment\"",
                "status == \"NEW\"", "status = \"APPROVED\"; emit(\"approved\", id);");
        rule(rgl, "free-shipping", "no-loop", "total >= 100 && country == \"VN\"",
                "shipping = 0; emit(\"free-shipping\", id);");
        return rgl.toString();
    }

    private static void rule(StringBuilder rgl, String name, String attributes, String condition, String action) {
        rgl.append("rule \"").append(name).append("\" ").append(attributes).append(" {\n")
                .append("  when\n    ").append(condition).append("\n")
                .append("  then\n    ").append(action).append("\n}\n\n");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
