package io.rulegrid.perf;

import io.rulegrid.client.Namespace;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.demo.ECommerceWorkload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The work of the cluster suites ({@code grid}, {@code bulk}): the 1,000-rule catalog ruleset, deployed as
 * {@value #RULESET}, over seeded products stored in namespace {@value #NAMESPACE} under their sku, so that the
 * suites' numbers describe the same work.
 */
final class GridCatalog {

    static final int RULES = 1_000;
    static final int PRODUCTS = 10_000;
    static final String RULESET = "catalog";
    static final String NAMESPACE = "products";

    private GridCatalog() {
    }

    /** Deploys the {@value #RULES}-rule catalog ruleset; returns its RGL. */
    static String deploy(RuleGridClient grid) {
        String rgl = Workloads.catalogRgl(RULES);
        grid.rulesets().deploy(RULESET + ".grl", rgl);
        return rgl;
    }

    /**
     * Stores products {@code 0 … count - 1}, {@code perCall} of them per {@code putAll}. The generated products
     * are garbage once this returns, so that the heap measured afterwards holds only what the cluster stores.
     */
    static void store(Namespace facts, int count, int perCall) {
        List<Map<String, Object>> products = Workloads.products(count);
        Map<String, Map<String, Object>> batch = new HashMap<>();
        for (Map<String, Object> product : products) {
            batch.put((String) product.get("sku"), product);
            if (batch.size() == perCall) {
                facts.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            facts.putAll(batch);
        }
    }

    /** The key of product {@code i} modulo {@value #PRODUCTS}: {@link TimedPhase}'s threads count past the end. */
    static String sku(int i) {
        return ECommerceWorkload.sku(i % PRODUCTS);
    }
}
