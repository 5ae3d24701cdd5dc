package io.rulegrid.perf;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The range and mixed benchmarks compare equal work: over a sample of products, the whole RuleGrid ruleset
 * fires exactly the rules whose condition Easy Rules finds true, each once, and both emit as much. Both
 * compare the products' Long and Double fields with the whole and decimal constants numerically, ties
 * included.
 */
class RangeWorkloadTest {

    private static final int RULES = 1_000;
    private static final int SAMPLE = 300;

    private static final Pattern FORM =
            Pattern.compile("price >= (\\d+) && price < (\\d+) && stock > (\\d+) && rating >= (\\d\\.\\d)");

    @Test
    void bothEnginesMatchTheSameRangeRules() {
        String rgl = Workloads.rangeRgl(RULES);
        long matches = assertSameMatches(rgl, Workloads.products(SAMPLE));

        double share = (double) matches / SAMPLE / RULES;
        assertThat(share).as("share of the rules a product matches").isBetween(0.005, 0.05);
    }

    /**
     * Products seldom have a whole price, so the sample hardly tests {@code price >= A} and {@code price < B}
     * at their boundaries: these products sit on the boundaries of the first rules, with Double and Long prices.
     */
    @Test
    void bothEnginesAgreeOnTheBoundaries() {
        String rgl = Workloads.rangeRgl(RULES);
        Map<String, Object> base = Workloads.products(1).get(0);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (var rule : Workloads.parse(rgl).rules().subList(0, 50)) {
            Matcher matcher = FORM.matcher(rule.condition().text());
            assertThat(matcher.matches()).as(rule.condition().text()).isTrue();
            long from = Long.parseLong(matcher.group(1));
            long to = Long.parseLong(matcher.group(2));
            long minStock = Long.parseLong(matcher.group(3));
            double minRating = Double.parseDouble(matcher.group(4));
            edges.add(product(base, (double) from, minStock + 1, minRating));
            edges.add(product(base, from, minStock + 1, minRating));
            edges.add(product(base, (double) to, minStock + 1, minRating));
            edges.add(product(base, to, minStock + 1, minRating));
            edges.add(product(base, (double) from, minStock, minRating));
            edges.add(product(base, (double) from, minStock + 1, minRating - 0.01));
        }

        long matches = assertSameMatches(rgl, edges);

        assertThat(matches).as("the edge products on the lower boundaries match their rules").isGreaterThanOrEqualTo(100);
    }

    @Test
    void bothEnginesMatchTheSameMixedRules() {
        long matches = assertSameMatches(Workloads.mixedRgl(RULES), Workloads.products(SAMPLE));

        double share = (double) matches / SAMPLE / RULES;
        assertThat(share).as("share of the rules a product matches").isBetween(0.01, 0.1);
    }

    @Test
    void rangeRulesAreSeededAndHaveTheDocumentedForm() {
        String rgl = Workloads.rangeRgl(RULES);
        assertThat(Workloads.rangeRgl(RULES)).isEqualTo(rgl);
        assertThat(RangeWorkload.rgl(RULES, Workloads.SEED + 1)).isNotEqualTo(rgl);

        RuleSetDefinition definition = Workloads.parse(rgl);
        assertThat(definition.rules()).hasSize(RULES);
        for (var rule : definition.rules()) {
            Matcher matcher = FORM.matcher(rule.condition().text());
            assertThat(matcher.matches()).as(rule.condition().text()).isTrue();
            int from = Integer.parseInt(matcher.group(1));
            int to = Integer.parseInt(matcher.group(2));
            assertThat(to - from).isBetween(RangeWorkload.MIN_WIDTH, RangeWorkload.MAX_WIDTH);
            assertThat(from).isGreaterThanOrEqualTo(RangeWorkload.PRICE_FROM);
            assertThat(to).isLessThanOrEqualTo(RangeWorkload.PRICE_TO);
            assertThat(Integer.parseInt(matcher.group(3))).isBetween(0, RangeWorkload.MAX_STOCK);
            assertThat(Double.parseDouble(matcher.group(4))).isBetween(1.0, 5.0);
        }
    }

    @Test
    void theSampleHasTiesAtTheBoundaries() {
        Pattern stock = Pattern.compile("stock > (\\d+)");
        Set<Long> minStocks = new TreeSet<>();
        for (var rule : Workloads.parse(Workloads.rangeRgl(RULES)).rules()) {
            Matcher matcher = stock.matcher(rule.condition().text());
            assertThat(matcher.find()).isTrue();
            minStocks.add(Long.parseLong(matcher.group(1)));
        }
        long ties = Workloads.products(SAMPLE).stream().filter(p -> minStocks.contains((Long) p.get("stock"))).count();
        assertThat(ties).as("products whose stock equals some rule's C").isPositive();
    }

    private static Map<String, Object> product(Map<String, Object> base, Object price, long stock, double rating) {
        Map<String, Object> product = new LinkedHashMap<>(base);
        product.put("price", price);
        product.put("stock", stock);
        product.put("rating", rating);
        return product;
    }

    /** Asserts that both engines agree on every product; returns the number of matches. */
    private static long assertSameMatches(String rgl, List<Map<String, Object>> products) {
        RuleSet ruleGrid = RuleCompiler.compile("bench.grl", rgl);
        EasyRulesBaseline easyRules = new EasyRulesBaseline(Workloads.parse(rgl));
        long matches = 0;
        for (Map<String, Object> product : products) {
            EvaluationResult result = ruleGrid.evaluate(product, Map.of());
            List<String> fired = result.fired();
            assertThat(fired).as("no rule fires twice").doesNotHaveDuplicates();
            assertThat(result.modified()).as("no action changes the fact").isEmpty();
            assertThat(new TreeSet<>(fired)).as("product %s", product.get("sku"))
                    .isEqualTo(new TreeSet<>(easyRules.matching(product)));
            assertThat(easyRules.fire(product)).as("Easy Rules emits once per match").hasSize(fired.size());
            assertThat(result.outputs()).allSatisfy(output -> assertThat(output.value()).isEqualTo(product.get("sku")));
            matches += fired.size();
        }
        return matches;
    }
}
