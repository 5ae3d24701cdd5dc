package io.rulegrid.node;

import io.rulegrid.testkit.LocalCluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.EvaluationOutcome;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.grid.wire.RuleEntryProcessor;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleCompiler;
import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.rules.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Evaluations on a real 3-member cluster, driven through a Hazelcast client with RuleGrid's wire types. */
class GridEvaluationTest {

    /** A generous time budget: these tests are not about it, and a loaded machine can stall a thread for long. */
    private static final String PRICING = """
            ruleset "pricing" time-budget 10s
            rule "LowMargin" salience 10 no-loop {
              when price < cost * 1.05 && status == "ACTIVE"
              then status = "REVIEW"; emit("alert", ["sku": sku])
            }
            rule "Books" { when category == "books" && price > 20 then discount = 0.1 }
            rule "Count" no-loop { when true then evals = evals + 1 }
            """;

    private static LocalCluster cluster;
    private static HazelcastInstance client;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3);
        client = WireClients.of(cluster);
        deploy("pricing.grl", PRICING);
    }

    @AfterAll
    static void stopCluster() {
        client.shutdown();
        cluster.close();
    }

    private static int deploy(String file, String text) {
        IExecutorService executor = client.getExecutorService(GridNames.EXECUTOR);
        try {
            return executor.submit(RegistryTask.deploy(file, text)).get().version();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> product(int i) {
        return Facts.parse("{\"sku\":\"p-" + i + "\",\"category\":\"" + (i % 3 == 0 ? "books" : "games") + "\","
                + "\"price\":" + (10 + i % 40) + ".0,\"cost\":" + (9 + i % 37) + ".5,\"status\":\"ACTIVE\",\"evals\":0}");
    }

    private static EvaluationOutcome evaluate(IMap<String, HazelcastJsonValue> map, String key, String ruleset) {
        return map.executeOnKey(key, new RuleEntryProcessor(new EvaluationRequest(map.getName(), ruleset, 0, null), null,
                true));
    }

    @Test
    void evaluationRunsOnTheOwnerAndMatchesTheOfflineEngine() {
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        RuleSet offline = RuleCompiler.compile("pricing.grl", PRICING);
        for (int i = 0; i < 60; i++) {
            products.set("p-" + i, new HazelcastJsonValue(Facts.toJson(product(i))));
        }

        List<String> membersThatRan = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String key = "p-" + i;
            EvaluationOutcome outcome = evaluate(products, key, "pricing");
            Member owner = client.getPartitionService().getPartition(key).getOwner();
            assertThat(outcome.member()).as("member that ran %s", key).isEqualTo(owner.getAddress().toString());
            membersThatRan.add(outcome.member());

            EvaluationResult expected = offline.evaluate(product(i), Map.of());
            EvaluationResult actual = outcome.result();
            assertThat(actual.fired()).isEqualTo(expected.fired());
            assertThat(actual.modified()).isEqualTo(expected.modified());
            assertThat(actual.outputs()).isEqualTo(expected.outputs());
            assertThat(actual.fact()).isEqualTo(expected.fact());
            assertThat(Facts.parse(products.get(key).getValue())).isEqualTo(expected.fact());
        }
        assertThat(membersThatRan).containsAll(cluster.members().stream().map(RuleGridNode::address).toList());
    }

    @Test
    void concurrentEvaluationsOfOneKeyAreSerialized() throws Exception {
        IMap<String, HazelcastJsonValue> counters = client.getMap("counters");
        counters.set("c", new HazelcastJsonValue("{\"evals\":0}"));
        List<CompletableFuture<EvaluationOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(counters.submitToKey("c", new RuleEntryProcessor(new EvaluationRequest("counters", "pricing", 0, null), null,
                            false))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();

        assertThat(Facts.parse(counters.get("c").getValue())).containsEntry("evals", 400L);
    }

    @Test
    void javaSerializedObjectOfAnUnknownClassIsRefusedByTheMember() {
        IMap<String, Object> products = client.getMap("products");

        assertThatThrownBy(() -> products.set("gadget", new org.example.Gadget()))
                .hasStackTraceContaining("org.example.Gadget");
        assertThat(org.example.Gadget.DESERIALIZED).hasValue(0);
        assertThat(products.containsKey("gadget")).isFalse();
    }

    @Test
    void unknownRulesetIsATypedErrorAndChangesNothing() {
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        products.set("u-1", new HazelcastJsonValue("{\"sku\":\"u-1\"}"));

        EvaluationOutcome outcome = evaluate(products, "u-1", "nope");

        assertThat(outcome.failure()).isEqualTo(EvaluationOutcome.Failure.NO_RULESET);
        assertThatThrownBy(outcome::result).isInstanceOf(RuleSetNotFoundException.class)
                .hasMessage("ruleset \"nope\" is not deployed (namespace \"products\", member " + outcome.member() + ")");
        assertThat(products.get("u-1").getValue()).isEqualTo("{\"sku\":\"u-1\"}");
    }

    @Test
    void missingFactIsATypedError() {
        EvaluationOutcome outcome = evaluate(client.getMap("products"), "absent", "pricing");

        assertThatThrownBy(outcome::result).isInstanceOfSatisfying(FactNotFoundException.class,
                        e -> assertThat(e.namespace()).contains("products"))
                .hasMessage("no fact with key \"absent\" (namespace \"products\", member " + outcome.member() + ")");
    }

    @Test
    void malformedStoredFactIsATypedErrorAndStaysAsItWas() {
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        products.set("bad", new HazelcastJsonValue("{\"sku\": "));

        EvaluationOutcome outcome = evaluate(products, "bad", "pricing");

        assertThatThrownBy(outcome::result).isInstanceOf(MalformedFactException.class)
                .hasMessageStartingWith("fact \"bad\" in namespace \"products\": malformed JSON");
        assertThat(products.get("bad").getValue()).isEqualTo("{\"sku\": ");
    }

    @Test
    void failingRuleIsATypedErrorNamingRulesetRuleAndKeyAndChangesNothing() {
        deploy("broken.grl", """
                ruleset "broken"
                rule "first" salience 5 { when true then status = "TOUCHED" }
                rule "substr" { when true then code = sku.substring(50) }
                """);
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        products.set("e-1", new HazelcastJsonValue("{\"sku\":\"e-1\",\"status\":\"NEW\"}"));

        EvaluationOutcome outcome = evaluate(products, "e-1", "broken");

        assertThatThrownBy(outcome::result).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
            assertThat(e.ruleset()).contains("broken");
            assertThat(e.rule()).contains("substr");
            assertThat(e.key()).contains("e-1");
            assertThat(e.namespace()).contains("products");
            assertThat(e.member()).contains(outcome.member());
        }).hasMessageStartingWith("ruleset \"broken\" rule \"substr\" key \"e-1\": action failed")
                .hasMessageEndingWith("(namespace \"products\", member " + outcome.member() + ")");
        assertThat(products.get("e-1").getValue()).isEqualTo("{\"sku\":\"e-1\",\"status\":\"NEW\"}");
    }

    @Test
    void runawayRuleIsCutOffByItsBudgetAndTheKeyIsUsableAtOnce() {
        deploy("runaway.grl", """
                ruleset "runaway" time-budget 50ms
                rule "spin" { when true then foreach (a : big) { foreach (b : big) { foreach (c : big) { n = n + 1 } } } }
                rule "regex" { when text ~= "(.*a){25}" then matched = true }
                """);
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        String stored = "{\"sku\":\"spin-1\",\"n\":0,\"evals\":0,\"text\":\"" + "a".repeat(3_000) + "!\",\"big\":"
                + java.util.stream.IntStream.range(0, 2_000).boxed().toList() + "}";
        products.set("spin-1", new HazelcastJsonValue(stored));

        EvaluationOutcome outcome = evaluate(products, "spin-1", "runaway");

        assertThatThrownBy(outcome::result).isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
            assertThat(e.rule()).contains("spin");
            assertThat(e.key()).contains("spin-1");
        }).hasMessageContaining("time budget of 50 ms exceeded");
        assertThat(products.get("spin-1").getValue()).isEqualTo(stored);
        EvaluationOutcome next = evaluate(products, "spin-1", "pricing");
        assertThat(next.result().fired()).containsExactly("Count");
    }

    @Test
    void firstEvaluationAfterAHotDeployPassesTheDefaultBudget() {
        // the default 50 ms budget: the MVEL-based engine spent it optimizing expressions on their first run
        deploy("fresh.grl", """
                ruleset "fresh"
                rule "tier" salience 5 { when price > 20 && category == "books" then tier = "premium" }
                rule "tags" no-loop { when tier != null then labels = [tier, sku.toUpperCase()] }
                """);
        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        products.set("fresh-1", new HazelcastJsonValue(Facts.toJson(product(12))));

        EvaluationOutcome outcome = evaluate(products, "fresh-1", "fresh");

        assertThat(outcome.result().fired()).containsExactly("tier", "tags");
        assertThat(outcome.result().fact()).containsEntry("labels", List.of("premium", "P-12"));
    }

    @Test
    void rulesetThatDoesNotCompileIsRefusedAndTheActiveVersionStays() throws Exception {
        int v1 = deploy("tiers.grl", "ruleset \"tiers\"\nrule \"a\" { when true then tier = \"v1\" }");
        IExecutorService executor = client.getExecutorService(GridNames.EXECUTOR);

        assertThatThrownBy(() -> executor.submit(RegistryTask.deploy("tiers.grl",
                "ruleset \"tiers\"\nrule \"a\" { when true then tier = new Foo() }")).get().version())
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageStartingWith("tiers.grl:2:34: rule \"a\": object creation ('new') is not allowed");

        IMap<String, HazelcastJsonValue> customers = client.getMap("customers");
        customers.set("k", new HazelcastJsonValue("{}"));
        EvaluationOutcome outcome = evaluate(customers, "k", "tiers");
        assertThat(outcome.version()).isEqualTo(v1);
        assertThat(outcome.result().fact()).containsEntry("tier", "v1");
    }

    @Test
    void newVersionIsInEffectOnEveryMemberAtOnceAndRollbackRestoresTheOldOne() throws Exception {
        int v1 = deploy("hot.grl", "ruleset \"hot\"\nrule \"r\" { when true then label = \"one\" }");
        int v2 = deploy("hot.grl", "ruleset \"hot\"\nrule \"r\" { when true then label = \"two\" }");
        IMap<String, HazelcastJsonValue> facts = client.getMap("hotfacts");
        for (int i = 0; i < 30; i++) {
            facts.set("k" + i, new HazelcastJsonValue("{}"));
        }

        assertThat(v2).isEqualTo(v1 + 1);
        for (int i = 0; i < 30; i++) {
            assertThat(evaluate(facts, "k" + i, "hot").result().fact()).containsEntry("label", "two");
        }
        int active = client.getExecutorService(GridNames.EXECUTOR).submit(RegistryTask.activate("hot", v1)).get().version();
        assertThat(active).isEqualTo(v1);
        for (int i = 0; i < 30; i++) {
            EvaluationOutcome outcome = evaluate(facts, "k" + i, "hot");
            assertThat(outcome.version()).isEqualTo(v1);
            assertThat(outcome.result().fact()).containsEntry("label", "one");
        }
        assertThatThrownBy(() -> client.getExecutorService(GridNames.EXECUTOR)
                .submit(RegistryTask.activate("hot", 99)).get().version())
                .isInstanceOf(RuleSetNotFoundException.class).hasMessage("ruleset \"hot\" has no version 99");
    }

    /**
     * Facts stay readable by any Hazelcast client: an application with only Hazelcast on its classpath (a JVM of
     * its own) puts JSON facts, RuleGrid evaluates them, and the plain client reads the result and queries it.
     */
    @Test
    void aPlainHazelcastClientWritesReadsAndQueriesFactsRuleGridEvaluates() throws Exception {
        IMap<String, HazelcastJsonValue> plain = client.getMap("plain");
        plainClient("put", "b-1", "{\"sku\":\"b-1\",\"category\":\"books\",\"price\":25.0,\"cost\":10.0,"
                + "\"status\":\"ACTIVE\",\"evals\":0}");
        plainClient("put", "g-1", "{\"sku\":\"g-1\",\"category\":\"games\",\"price\":5.0,\"cost\":4.9,"
                + "\"status\":\"ACTIVE\",\"evals\":0}");

        assertThat(evaluate(plain, "b-1", "pricing").succeeded()).isTrue();
        assertThat(evaluate(plain, "g-1", "pricing").succeeded()).isTrue();
        String read = plainClient("read", "b-1", "price > 10 AND discount > 0");

        assertThat(read).containsPattern("FACT \\{.*\"discount\":0\\.1.*\\}").contains("\"evals\":1");
        assertThat(read).contains("MATCHING [b-1]");
    }

    /** Runs {@link PlainHazelcastClientProbe} in a JVM whose classpath is Hazelcast and the probe, nothing else. */
    private static String plainClient(String... command) throws Exception {
        String hazelcastJar = Path.of(HazelcastInstance.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String probe = Path.of(PlainHazelcastClientProbe.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", hazelcastJar + java.io.File.pathSeparator + probe, PlainHazelcastClientProbe.class.getName(),
                cluster.clusterName(), cluster.addresses().get(0), "plain"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("plain client finished").isTrue();
        assertThat(process.exitValue()).as("plain client failed: %s", output).isZero();
        return output;
    }
}
