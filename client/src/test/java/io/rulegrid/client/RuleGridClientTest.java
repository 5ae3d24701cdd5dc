package io.rulegrid.client;

import com.hazelcast.jet.impl.exception.JetDisabledException;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.PipelinesNotConfiguredException;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.testkit.LocalCluster;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.FactNotReturnedException;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.Output;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.RuleEvaluationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The client library against a real 3-member cluster. */
class RuleGridClientTest {

    private static final EvaluationOptions WITH_FACT = EvaluationOptions.defaults().returnFact(true);

    /** A generous time budget: these tests are not about it, and a loaded machine can stall a thread for long. */
    private static final String ORDERS = """
            ruleset "orders" time-budget 10s
            rule "Big" salience 10 { when total > 100 && status == "NEW" then status = "REVIEW"; emit("review", id) }
            rule "Vip" { when input.vip == true && status == "NEW" then priority = "HIGH" }
            rule "Cancel" { when status == "CANCELLED" then retract() }
            """;

    private static LocalCluster cluster;
    private static RuleGridClient grid;

    @BeforeAll
    static void start() {
        cluster = LocalCluster.start(3);
        grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                .members(cluster.addresses().toArray(String[]::new)).connect();
        grid.rulesets().deploy("orders.grl", ORDERS);
    }

    @AfterAll
    static void stop() {
        grid.close();
        cluster.close();
    }

    @Test
    void callWhoseBackupCannotBeConfirmedFailsUnlessTheApplicationChoseOtherwise() {
        com.hazelcast.client.config.ClientConfig defaults = new com.hazelcast.client.config.ClientConfig()
                .setClusterName(cluster.clusterName());
        defaults.getNetworkConfig().addAddress(cluster.addresses().toArray(String[]::new));
        com.hazelcast.client.config.ClientConfig chosen = new com.hazelcast.client.config.ClientConfig()
                .setClusterName(cluster.clusterName()).setProperty(RuleGridClient.FAIL_ON_INDETERMINATE_STATE, "false");
        chosen.getNetworkConfig().addAddress(cluster.addresses().toArray(String[]::new));

        try (RuleGridClient strict = RuleGridClient.connect(defaults); RuleGridClient lenient = RuleGridClient.connect(chosen)) {
            assertThat(effective(strict).getProperty(RuleGridClient.FAIL_ON_INDETERMINATE_STATE)).isEqualTo("true");
            assertThat(effective(lenient).getProperty(RuleGridClient.FAIL_ON_INDETERMINATE_STATE)).isEqualTo("false");
            assertThat(strict.namespace("customers").size()).isEqualTo(lenient.namespace("customers").size());
        }
        // the application's configuration is its own: connecting changes nothing in it
        assertThat(defaults.getProperty(RuleGridClient.FAIL_ON_INDETERMINATE_STATE)).isNull();
        assertThat(defaults.getSerializationConfig().getDataSerializableFactories()).isEmpty();
    }

    @Test
    void aVersionNoMemberCanCompileIsReportedPerMemberAndTheMembersKeepTheirVersion() {
        grid.rulesets().deploy("kept.grl", "ruleset \"kept\" time-budget 10s\nrule \"a\" { when true then tier = \"v1\" }");
        // a version written by a member of another build (a rolling upgrade gone wrong), which this build cannot compile
        com.hazelcast.map.IMap<String, com.hazelcast.core.HazelcastJsonValue> registry =
                grid.hazelcast().getMap(io.rulegrid.grid.GridNames.RULESETS_MAP);
        io.rulegrid.grid.RuleSetRecord stored = io.rulegrid.grid.RuleSetRecord.fromJson(registry.get("kept"));
        registry.set("kept", io.rulegrid.grid.RuleSetRecord.appended(stored, "kept", "kept.grl",
                "ruleset \"kept\"\nrule \"a\" { when true then tier = newer syntax }", 0L).withActive(1).toJson());

        assertThatThrownBy(() -> grid.rulesets().activate("kept", 2))
                .isInstanceOfSatisfying(io.rulegrid.grid.DeploymentIncompleteException.class, e -> {
                    assertThat(e.version()).contains(2);
                    assertThat(e).hasMessageStartingWith("ruleset \"kept\" is stored but not in effect on every member:")
                            .hasMessageEndingWith("(v2)");
                    assertThat(e.memberProblems()).hasSize(3).allSatisfy(problem -> assertThat(problem)
                            .startsWith("member [127.0.0.1]:").contains(": v2 does not compile on this member: kept.grl:2:"));
                });
        grid.namespace("customers").put("kept-1", Map.of("name", "Ada"));
        GridEvaluation evaluation = grid.namespace("customers").evaluate("kept-1", "kept", WITH_FACT);

        assertThat(evaluation.resultOrThrow().fact()).containsEntry("tier", "v1");
        assertThat(grid.rulesets().list()).filteredOn(info -> info.name().equals("kept")).singleElement()
                .satisfies(info -> {
                    assertThat(info.version()).isEqualTo(2);
                    assertThat(info.problems()).hasSize(3)
                            .allSatisfy(problem -> assertThat(problem).contains("v2 does not compile on this member"));
                });
        assertThat(grid.rulesets().list()).filteredOn(info -> info.name().equals("orders")).singleElement()
                .satisfies(info -> assertThat(info.problems()).isEmpty());
    }

    private static com.hazelcast.client.config.ClientConfig effective(RuleGridClient client) {
        return ((com.hazelcast.client.impl.clientside.HazelcastClientProxy) client.hazelcast()).getClientConfig();
    }

    @Test
    void factsArePutReadAndDeleted() {
        Namespace customers = grid.namespace("customers");
        customers.put("c-1", Map.of("name", "Ada", "tier", "GOLD"));
        customers.put("c-2", "{\"name\":\"Bob\",\"score\":1.5}");

        assertThat(customers.get("c-1")).contains(Map.of("name", "Ada", "tier", "GOLD"));
        assertThat(customers.get("c-2")).contains(Map.of("name", "Bob", "score", 1.5));
        assertThat(customers.delete("c-1")).isTrue();
        assertThat(customers.get("c-1")).isEmpty();
        assertThat(customers.delete("c-1")).isFalse();
    }

    @Test
    void malformedFactIsRefusedAndNothingIsStored() {
        Namespace customers = grid.namespace("customers");

        assertThatThrownBy(() -> customers.put("bad", "{\"name\": }"))
                .isInstanceOf(MalformedFactException.class).hasMessageStartingWith("malformed JSON");
        assertThat(customers.get("bad")).isEmpty();
    }

    @Test
    void evaluateRunsOnTheOwnerWithInputAndWritesTheChange() {
        Namespace orders = grid.namespace("orders");
        orders.put("o-1", Map.of("id", "o-1", "total", 150.0, "status", "NEW"));

        GridEvaluation evaluation = orders.evaluate("o-1", "orders", EvaluationOptions.defaults().input(Map.of("vip", true)));

        EvaluationResult result = evaluation.resultOrThrow();
        assertThat(result.fired()).containsExactly("Big");
        assertThat(result.outputs()).containsExactly(new Output("Big", "review", "o-1"));
        assertThat(evaluation.version()).isEqualTo(1);
        assertThat(evaluation.member()).isEqualTo(grid.hazelcast().getPartitionService().getPartition("o-1")
                .getOwner().getAddress().toString());
        assertThat(orders.get("o-1").orElseThrow()).containsEntry("status", "REVIEW");
    }

    @Test
    void theReplyCarriesTheFactOnlyWhenTheCallAsksForIt() {
        Namespace orders = grid.namespace("orders");
        orders.put("r-1", Map.of("id", "r-1", "total", 500.0, "status", "NEW"));

        EvaluationResult lean = orders.evaluate("r-1", "orders").resultOrThrow();
        EvaluationResult upserted = orders.upsertAndEvaluate("r-2", Map.of("id", "r-2", "total", 600.0,
                "status", "NEW"), "orders", EvaluationOptions.defaults()).resultOrThrow();
        EvaluationResult withFact = orders.evaluate("r-1", "orders", WITH_FACT).resultOrThrow();

        assertThat(lean.factReturned()).isFalse();
        assertThat(lean.modified()).containsExactly("status");
        assertThatThrownBy(lean::fact).isInstanceOfSatisfying(FactNotReturnedException.class,
                e -> assertThat(e.ruleset()).contains("orders")).hasMessageContaining("returnFact(true)");
        assertThat(upserted.factReturned()).isFalse();
        assertThat(upserted.fired()).containsExactly("Big");
        assertThat(orders.get("r-2").orElseThrow()).containsEntry("status", "REVIEW");
        assertThat(withFact.factReturned()).isTrue();
        assertThat(withFact.fact()).containsEntry("id", "r-1").containsEntry("status", "REVIEW");
    }

    @Test
    void evaluateOfSeveralKeysReportsEachKeysOwnOutcome() {
        Namespace orders = grid.namespace("orders");
        orders.put("k-1", Map.of("id", "k-1", "total", 500.0, "status", "NEW"));
        orders.put("k-2", Map.of("id", "k-2", "total", 5.0, "status", "NEW"));

        List<GridEvaluation> evaluations = orders.evaluate(List.of("k-1", "missing", "k-2"), "orders",
                EvaluationOptions.defaults());

        assertThat(evaluations).extracting(GridEvaluation::key).containsExactly("k-1", "missing", "k-2");
        assertThat(evaluations.get(0).resultOrThrow().fired()).containsExactly("Big");
        assertThat(evaluations.get(1).error()).isInstanceOf(FactNotFoundException.class);
        assertThat(evaluations.get(2).resultOrThrow().fired()).isEmpty();
    }

    @Test
    void upsertAndEvaluateIsOneStepAndRetractDeletes() {
        Namespace orders = grid.namespace("orders");
        GridEvaluation created = orders.upsertAndEvaluate("u-1", Map.of("id", "u-1", "total", 300.0, "status", "NEW"),
                "orders", WITH_FACT);
        assertThat(created.resultOrThrow().fact()).containsEntry("status", "REVIEW");
        assertThat(grid.namespace("orders").get("u-1").orElseThrow()).containsEntry("status", "REVIEW");

        GridEvaluation cancelled = orders.upsertAndEvaluate("u-1", Map.of("id", "u-1", "status", "CANCELLED"),
                "orders", EvaluationOptions.defaults());
        assertThat(cancelled.resultOrThrow().retracted()).isTrue();
        assertThat(grid.namespace("orders").get("u-1")).isEmpty();
    }

    @Test
    void failedUpsertAndEvaluateAppliesNeitherTheUpsertNorTheRules() {
        grid.rulesets().deploy("fragile.grl", """
                ruleset "fragile"
                rule "explode" { when true then code = name.substring(99) }
                """);
        grid.namespace("orders").put("f-1", Map.of("name", "before"));

        assertThatThrownBy(() -> grid.namespace("orders").upsertAndEvaluate("f-1", Map.of("name", "after"), "fragile",
                        EvaluationOptions.defaults())
                .resultOrThrow())
                .isInstanceOfSatisfying(RuleEvaluationException.class, e -> {
                    assertThat(e.ruleset()).contains("fragile");
                    assertThat(e.rule()).contains("explode");
                    assertThat(e.key()).contains("f-1");
                });
        assertThat(grid.namespace("orders").get("f-1").orElseThrow()).containsEntry("name", "before");
    }

    @Test
    void asyncEvaluationsCompleteWithTheirResults() {
        Namespace orders = grid.namespace("orders");
        List<java.util.concurrent.CompletableFuture<GridEvaluation>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.put("a-" + i, Map.of("id", "a-" + i, "total", 200.0, "status", "NEW"));
            calls.add(orders.evaluateAsync("a-" + i, "orders", EvaluationOptions.defaults()));
        }

        assertThat(calls).allSatisfy(call -> assertThat(call.join().resultOrThrow().fired()).containsExactly("Big"));
    }

    @Test
    void batchUpsertAndEvaluateAnswersEachKeyInOrderWithItsOwnFailure() {
        grid.rulesets().deploy("batch.grl", """
                ruleset "batch" time-budget 10s
                rule "Big" { when total > 100 && status == "NEW" then status = "REVIEW" }
                rule "explode" { when id == "broken" then code = id.substring(99) }
                """);
        Namespace orders = grid.namespace("batches");
        Map<String, Map<String, Object>> batch = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            batch.put("n-" + i, Map.of("id", "n-" + i, "total", (double) i, "status", "NEW"));
        }
        batch.put("broken", Map.of("id", "broken", "total", 1.0, "status", "NEW"));
        batch.put("n-7", Map.of("id", "n-7", "total", 700.0, "status", "NEW"));  // listed once more: the last fact wins

        List<GridEvaluation> evaluations = orders.upsertAndEvaluate(batch, "batch", WITH_FACT);

        assertThat(evaluations).extracting(GridEvaluation::key).containsExactlyElementsOf(batch.keySet());
        assertThat(evaluations.get(299).resultOrThrow().fact()).containsEntry("status", "REVIEW");
        assertThat(evaluations.get(7).resultOrThrow().fact()).containsEntry("status", "REVIEW").containsEntry("total", 700.0);
        assertThat(evaluations.get(300).error()).isInstanceOf(RuleEvaluationException.class);
        assertThat(orders.get("broken")).isEmpty();
        assertThat(orders.size()).isEqualTo(300);
        assertThat(orders.get("n-50").orElseThrow()).containsEntry("status", "NEW");
        assertThat(evaluations).filteredOn(GridEvaluation::succeeded).hasSize(300);
    }

    @Test
    void batchEvaluationsCarryTheFactsOnlyWhenAsked() {
        grid.rulesets().deploy("lean.grl", """
                ruleset "lean" time-budget 10s
                rule "Big" { when total > 100 && status == "NEW" then status = "REVIEW" }
                """);
        Namespace orders = grid.namespace("lean-batches");
        Map<String, Map<String, Object>> batch = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            batch.put("l-" + i, Map.of("id", "l-" + i, "total", 100.0 + i, "status", "NEW"));
        }

        List<GridEvaluation> lean = orders.upsertAndEvaluate(batch, "lean", EvaluationOptions.defaults());
        assertThat(lean).allSatisfy(evaluation -> {
            assertThat(evaluation.resultOrThrow().factReturned()).isFalse();
            assertThat(evaluation.resultOrThrow().modified()).isEqualTo(evaluation.key().equals("l-0")
                    ? List.of() : List.of("status"));
        });

        List<GridEvaluation> withFacts = orders.evaluate(batch.keySet(), "lean", WITH_FACT);
        assertThat(withFacts).allSatisfy(evaluation -> assertThat(evaluation.resultOrThrow().fact())
                .containsEntry("id", evaluation.key())
                .containsEntry("status", evaluation.key().equals("l-0") ? "NEW" : "REVIEW"));
    }

    @Test
    void evaluateAllFiltersWithAPredicateAndSummarises() {
        Namespace orders = grid.namespace("bulk");
        Map<String, Map<String, Object>> batch = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            batch.put("b-" + i, Map.of("id", "b-" + i, "total", (double) i, "status", i % 2 == 0 ? "NEW" : "DONE"));
        }
        orders.putAll(batch);

        BulkResult summary = orders.evaluateAll("orders", BulkOptions.allFacts().where("status = 'NEW'"));

        assertThat(summary.evaluated()).isEqualTo(100);
        assertThat(summary.modified()).isEqualTo(49);  // even totals above 100: 102..198
        assertThat(summary.errors()).isZero();
        assertThat(summary.failures()).isEmpty();
        assertThat(orders.get("b-150").orElseThrow()).containsEntry("status", "REVIEW");
        assertThat(orders.get("b-151").orElseThrow()).containsEntry("status", "DONE");
    }

    @Test
    void unknownRulesetIsATypedError() {
        grid.namespace("orders").put("x", Map.of("id", "x"));

        assertThatThrownBy(() -> grid.namespace("orders").evaluate("x", "no-such-rules").resultOrThrow())
                .isInstanceOf(RuleSetNotFoundException.class)
                .hasMessageStartingWith("ruleset \"no-such-rules\" is not deployed (namespace \"orders\", member [127.0.0.1]:");
    }

    @Test
    void brokenRulesetIsRefusedByTheMemberAndTheActiveVersionStays() {
        assertThatThrownBy(() -> grid.rulesets().deploy("orders.grl", "ruleset \"orders\"\nrule \"x\" { when then }"))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessage("orders.grl:2:12: rule \"x\": empty condition after 'when'");
        assertThat(grid.rulesets().history("orders")).hasSize(1);
    }

    @Test
    void rulesetsAreListedWithHistoryAndCanBeRolledBack() {
        Deployment v1 = grid.rulesets().deploy("labels.grl", "ruleset \"labels\"\nrule \"l\" { when true then label = 1 }");
        Deployment v2 = grid.rulesets().deploy("labels.grl", "ruleset \"labels\"\nrule \"l\" { when true then label = 2 }");
        grid.namespace("orders").put("l-1", Map.of());

        assertThat(v2.version()).isEqualTo(v1.version() + 1);
        assertThat(grid.rulesets().list()).extracting(RuleSetVersionInfo::name).contains("labels", "orders");
        assertThat(grid.rulesets().history("labels")).extracting(RuleSetVersionInfo::version, RuleSetVersionInfo::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(grid.namespace("orders").evaluate("l-1", "labels", WITH_FACT).resultOrThrow().fact())
                .containsEntry("label", 2L);

        assertThat(grid.rulesets().activate("labels", 1)).isEqualTo(new Deployment("labels", 1));
        assertThat(grid.namespace("orders").evaluate("l-1", "labels", WITH_FACT).resultOrThrow().fact())
                .containsEntry("label", 1L);
        assertThatThrownBy(() -> grid.rulesets().activate("labels", 7)).isInstanceOf(RuleSetNotFoundException.class);
        assertThat(grid.rulesets().events("labels")).extracting(RuleSetEvent::type, RuleSetEvent::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEPLOY", 1), org.assertj.core.groups.Tuple.tuple("DEPLOY", 2),
                        org.assertj.core.groups.Tuple.tuple("ROLLBACK", 1));
        assertThat(grid.rulesets().events("labels")).allSatisfy(event ->
                assertThat(cluster.addresses()).anySatisfy(address ->
                        assertThat(event.by()).endsWith(address.substring(address.lastIndexOf(':')))));
    }

    @Test
    void statsCountEvaluationsFiringsAndErrorsPerRule() {
        grid.rulesets().deploy("stats.grl", """
                ruleset "stats"
                rule "ok" { when n > 0 then seen = true }
                rule "bad" { when n < 0 then x = name.substring(9) }
                """);
        Namespace facts = grid.namespace("counters");
        for (int i = -3; i <= 5; i++) {
            facts.put("n" + i, Map.of("n", i, "name", "z"));
            facts.evaluate("n" + i, "stats");
        }

        RuleSetStats stats = grid.stats().ruleset("stats");
        assertThat(stats.evaluations()).isEqualTo(6);
        assertThat(stats.errors()).isEqualTo(3);
        assertThat(stats.rule("ok")).isEqualTo(new RuleStats(5, 0));
        assertThat(stats.rule("bad")).isEqualTo(new RuleStats(0, 3));
        assertThat(stats.latencyMicrosAtMost(0.99)).isPositive();
    }

    @Test
    void aPinnedVersionIsEvaluatedInsteadOfTheActiveOne() {
        grid.rulesets().deploy("pinned.grl", "ruleset \"pinned\"\nrule \"t\" { when true then tier = \"v1\" }");
        Deployment v2 = grid.rulesets().deploy("pinned.grl", "ruleset \"pinned\"\nrule \"t\" { when true then tier = \"v2\" }");
        Namespace customers = grid.namespace("customers");
        customers.put("p-1", Map.of("name", "Ada"));

        GridEvaluation pinned = customers.evaluate("p-1", "pinned", WITH_FACT.version(1));
        GridEvaluation active = customers.evaluate("p-1", "pinned", WITH_FACT);

        assertThat(pinned.version()).isEqualTo(1);
        assertThat(pinned.resultOrThrow().fact()).containsEntry("tier", "v1");
        assertThat(active.version()).isEqualTo(v2.version());
        assertThat(active.resultOrThrow().fact()).containsEntry("tier", "v2");
        assertThatThrownBy(() -> customers.evaluate("p-1", "pinned", EvaluationOptions.defaults().version(9)).resultOrThrow())
                .isInstanceOf(RuleSetNotFoundException.class).hasMessageContaining("pinned");
    }

    @Test
    void bulkResultsListEachFailedKeyAndCannotBeChanged() {
        grid.rulesets().deploy("picky.grl", """
                ruleset "picky"
                rule "odd" { when n % 2 == 1 then x = name.substring(9) }
                """);
        Namespace numbers = grid.namespace("numbers");
        for (int n = 0; n < 6; n++) {
            numbers.put("n-" + n, Map.of("n", n, "name", "z"));
        }

        BulkResult result = numbers.evaluateAll("picky", BulkOptions.allFacts().where("n < 4"));

        assertThat(result.evaluated()).isEqualTo(4);
        assertThat(result.errors()).isEqualTo(2);
        assertThat(result.failures()).extracting(FailedKey::key).containsExactlyInAnyOrder("n-1", "n-3");
        assertThat(result.failures()).allSatisfy(failure -> {
            assertThat(failure.code()).isEqualTo("EVALUATION");
            assertThat(failure.retriable()).isFalse();
        });
        assertThat(result.retriableKeys()).isEmpty();
        assertThatThrownBy(() -> result.failures().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.errorSamples().clear()).isInstanceOf(UnsupportedOperationException.class);
        GridStats stats = grid.stats();
        assertThatThrownBy(() -> stats.rulesets().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stats.ruleset("picky").rules().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dependentStagesWithoutAnExecutorRunOnTheClientsThreadsNotTheCommonPool() {
        Namespace orders = grid.namespace("orders");
        orders.put("t-1", Map.of("id", "t-1", "total", 1.0, "status", "NEW"));

        String thread = orders.evaluateAsync("t-1", "orders", EvaluationOptions.defaults())
                .thenApplyAsync(evaluation -> Thread.currentThread().getName()).join();
        String bulkThread = orders.evaluateAllAsync("orders", BulkOptions.allFacts().where("total < 0"))
                .thenApplyAsync(result -> Thread.currentThread().getName()).join();

        assertThat(thread).startsWith(CompletionExecutor.THREAD_NAME_PREFIX);
        assertThat(bulkThread).startsWith(CompletionExecutor.THREAD_NAME_PREFIX);
    }

    @Test
    void aNamespaceNameIsCheckedWhenTheHandleIsMade() {
        assertThatThrownBy(() -> grid.namespace("Products"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("namespace 'Products' is not valid");
    }

    @Test
    void pipelinesOfAClusterThatRunsNoneAreRefusedAsNotConfiguredAlsoWhenJetItselfAnswers() {
        assertThatThrownBy(() -> grid.pipelines().list()).isInstanceOf(PipelinesNotConfiguredException.class)
                .hasMessageStartingWith("the cluster runs no pipelines: no member's rulegrid.yaml configures any");

        // how members with Jet off answer a client's Jet call, which Pipelines turns into the same error
        Throwable jetOff = catchThrowable(() -> grid.hazelcast().getJet().getJob(GridNames.pipelineJob("orders")));
        assertThat(jetOff).isInstanceOf(JetDisabledException.class);
        assertThat(Pipelines.jetFailure((RuntimeException) jetOff, "find the job of pipeline \"orders\""))
                .isInstanceOf(PipelinesNotConfiguredException.class)
                .hasMessageStartingWith("the cluster runs no pipelines: its members have Jet off").hasCause(jetOff);
    }
}
