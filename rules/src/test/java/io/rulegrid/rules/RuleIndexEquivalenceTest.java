package io.rulegrid.rules;

import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.EvaluationResult;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule index is an optimisation only: a ruleset whose conditions test {@code field == constant} and
 * ranges of fields must give exactly the results of the same ruleset written so that nothing can be indexed,
 * for values of every number type, on and off the boundaries, and for values that are no numbers.
 */
class RuleIndexEquivalenceTest {

    /** Only the firing limit may end an evaluation here: the time budget would make the outcome timing-dependent. */
    private static final Limits GENEROUS = new Limits(200, java.time.Duration.ofSeconds(30));

    private static final String[] CATEGORIES = {"books", "games", "toys", "food"};

    private static String ruleset(boolean indexable) {
        StringBuilder rgl = new StringBuilder("ruleset \"pricing\"\n");
        for (int i = 0; i < 60; i++) {
            String category = CATEGORIES[i % CATEGORIES.length];
            String condition = switch (i % 6) {
                case 0 -> test(indexable, "category == \"" + category + "\"") + " && " + test(indexable, "price > " + (i * 2));
                case 1 -> test(indexable, "code == " + (i % 3)) + " && " + test(indexable, "category == \"" + category + "\"");
                case 2 -> test(indexable, "flag == true") + " && " + test(indexable, "stock < " + i);
                case 3 -> test(indexable, "price >= " + i) + " && " + test(indexable, i + 10.5 + " > price");
                case 4 -> test(indexable, "price <= " + (i + 0.25)) + " && " + test(indexable, "stock >= " + (i % 20));
                default -> test(indexable, "price > " + i);
            };
            String action = switch (i % 5) {
                case 0 -> "category = \"" + CATEGORIES[(i + 1) % CATEGORIES.length] + "\"";
                case 1 -> "price = 0";
                case 2 -> "emit(\"r" + i + "\", sku)";
                case 3 -> "code = 3";
                default -> "flag = !flag";
            };
            rgl.append("rule \"r").append(i).append("\" salience ").append(i % 7).append(" no-loop {\n  when ")
                    .append(condition).append("\n  then ").append(action).append("\n}\n");
        }
        return rgl.toString();
    }

    /** The test as written, or in a form no index can use. */
    private static String test(boolean indexable, String test) {
        return indexable ? test : "(" + test + ") == true";
    }

    @Test
    void indexedRulesetGivesTheSameResultsAsAnUnindexedOne() {
        RuleSet indexed = RuleCompiler.compile("indexed.grl", ruleset(true)).withLimits(GENEROUS);
        RuleSet plain = RuleCompiler.compile("plain.grl", ruleset(false)).withLimits(GENEROUS);
        Random random = new Random(42);
        List<Object[]> compared = new ArrayList<>();

        for (int n = 0; n < 500; n++) {
            Map<String, Object> fact = randomFact(random, n);
            String a = outcome(indexed, fact);
            String b = outcome(plain, fact);
            assertThat(a).as("fact %s", fact).isEqualTo(b);
            compared.add(new Object[] {a});
        }
        assertThat(compared).hasSize(500);
        // the comparison is only worth something if rules fired and evaluations ended normally
        assertThat(compared.stream().filter(o -> ((String) o[0]).startsWith("fired=[r"))).hasSizeGreaterThan(250);
        assertThat(compared.stream().filter(o -> ((String) o[0]).startsWith("error="))).isNotEmpty();
    }

    private static String outcome(RuleSet rules, Map<String, Object> fact) {
        try {
            EvaluationResult r = rules.evaluate(fact, Map.of());
            return "fired=" + r.fired() + " modified=" + r.modified() + " outputs=" + r.outputs() + " fact=" + r.fact();
        } catch (RuleEvaluationException e) {
            // the unindexable text is longer, so only the column of an error may differ
            return "error=" + e.reason().replaceFirst(" at \\d+:\\d+:", ":") + " rule=" + e.rule().orElse("");
        }
    }

    private static Map<String, Object> randomFact(Random random, int n) {
        Object category = switch (random.nextInt(6)) {
            case 4 -> null;
            case 5 -> 7L;  // another type: equal to no string constant
            default -> CATEGORIES[random.nextInt(CATEGORIES.length)];
        };
        Object code = switch (random.nextInt(5)) {
            case 3 -> 1.0;  // a whole double equals the integer constant
            case 4 -> 1.5;
            default -> (long) random.nextInt(3);
        };
        java.util.HashMap<String, Object> fact = new java.util.HashMap<>();
        fact.put("sku", "sku-" + n);
        fact.put("category", category);
        fact.put("code", code);
        fact.put("flag", random.nextBoolean());
        int whole = random.nextInt(130);
        fact.put("price", switch (random.nextInt(5)) {
            case 0 -> (long) whole;                                   // on a whole-number boundary, as a Long
            case 1 -> whole + 0.25;                                   // on an inclusive fractional boundary
            case 2 -> new java.math.BigDecimal(whole + ".50");       // a decimal
            case 3 -> random.nextInt(10) == 0 ? "cheap" : null;       // no number: range rules must still agree
            default -> random.nextDouble() * 130;
        });
        fact.put("stock", (long) random.nextInt(40));
        return fact;
    }
}
