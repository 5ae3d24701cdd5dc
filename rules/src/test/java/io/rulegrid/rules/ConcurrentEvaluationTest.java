package io.rulegrid.rules;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One compiled ruleset is shared by every partition thread of a member: it must be safe to evaluate concurrently. */
class ConcurrentEvaluationTest {

    private static final RuleSet RULES = RuleCompiler.compile("shop.grl", """
            ruleset "shop"
            rule "gold" salience 10 activation-group "discount" { when tier == "GOLD" && total > 100 then discount = total * 0.1 }
            rule "silver" salience 5 activation-group "discount" { when tier == "SILVER" then discount = 5 }
            rule "net" no-loop { when discount != null then net = total - discount; emit("priced", ["id": id, "net": net]) }
            rule "flag" { when net != null && net < 50 then small = true }
            rule "tags" no-loop { when items != null then count = 0; foreach (i : items) { count = count + i.qty } }
            """).withLimits(new Limits(10_000, java.time.Duration.ofSeconds(30)));  // 8 threads share 2 cores

    private static Map<String, Object> order(int i) {
        String tier = i % 3 == 0 ? "GOLD" : i % 3 == 1 ? "SILVER" : "NONE";
        return Facts.parse("{\"id\":" + i + ",\"tier\":\"" + tier + "\",\"total\":" + (i % 300) + ".5,"
                + "\"items\":[{\"qty\":" + (i % 4) + "},{\"qty\":2}]}");
    }

    @Test
    void concurrentEvaluationsGiveTheSameResultsAsSequentialOnes() throws Exception {
        int orders = 2_000;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            expected.add(describe(RULES.evaluate(order(i), Map.of())));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<List<String>> worker = () -> {
                    start.await();
                    List<String> seen = new ArrayList<>();
                    for (int n = 0; n < orders; n++) {
                        seen.add(describe(RULES.evaluate(order((n + offset * 250) % orders), Map.of())));
                    }
                    return seen;
                };
                futures.add(pool.submit(worker));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<String> seen = futures.get(t).get(2, TimeUnit.MINUTES);
                for (int n = 0; n < orders; n++) {
                    assertThat(seen.get(n)).isEqualTo(expected.get((n + t * 250) % orders));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).anyMatch(r -> r.contains("gold")).anyMatch(r -> r.contains("small"));
    }

    private static String describe(EvaluationResult r) {
        return r.fired() + " " + r.modified() + " " + r.outputs() + " " + r.fact();
    }
}
