package io.rulegrid.perf;

import java.util.List;
import java.util.Map;

/** Hands out the benchmark products in turn, so that no benchmark evaluates one constant input. */
final class ProductCycle {

    private final List<Map<String, Object>> products;
    private int next;

    ProductCycle(List<Map<String, Object>> products) {
        this.products = List.copyOf(products);
    }

    Map<String, Object> next() {
        next = next + 1 == products.size() ? 0 : next + 1;
        return products.get(next);
    }
}
