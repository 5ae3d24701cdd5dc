package io.rulegrid.cli;

import io.rulegrid.api.Facts;
import io.rulegrid.client.Namespace;
import io.rulegrid.client.PipelineState;
import io.rulegrid.client.RuleGridClient;
import io.rulegrid.devservices.KafkaService;
import io.rulegrid.devservices.junit.KafkaRecords;
import io.rulegrid.devservices.junit.WithKafka;
import io.rulegrid.grid.GridNames;
import io.rulegrid.testkit.LocalCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code rulegrid pipeline list|status|start|stop} on a real 2-member cluster whose rulegrid.yaml configures two
 * pipelines, with a real broker. {@code orders} is stopped and started; {@code audit} keeps running meanwhile, so
 * that an event it applied shows that an event {@code orders} did not apply was not merely late.
 */
@WithKafka
class PipelineCommandTest {

    private static final String RULESET = """
            ruleset "pcli-review" time-budget 10s
            rule "BigOrder" no-loop {
              when total > 100 && status == "NEW"
              then status = "REVIEW"; emit("review", ["total": total])
            }
            """;
    private static final String ORDER_EVENTS = "pcli-order-events";
    private static final String ORDER_DECISIONS = "pcli-order-decisions";
    private static final String AUDIT_EVENTS = "pcli-audit-events";
    /** Waits for jobs and events: generous, as Jet and Kafka on a loaded two-core machine can be slow. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)"
            + "\\s+(\\S+)\\s+(\\S+)$");

    private static KafkaService kafka;
    private static LocalCluster cluster;
    private static RuleGridClient grid;

    @BeforeAll
    static void startCluster(KafkaService broker, @TempDir Path config) throws Exception {
        kafka = broker;
        for (String topic : List.of(ORDER_EVENTS, ORDER_DECISIONS, AUDIT_EVENTS)) {
            kafka.createTopic(topic, 1);
        }
        Path rulegridYaml = Files.writeString(config.resolve("rulegrid.yaml"), """
                kafka:
                  bootstrap-servers: %s
                pipelines:
                  orders:
                    topic: pcli-order-events
                    namespace: pcli-orders
                    ruleset: pcli-review
                    decisions-topic: pcli-order-decisions
                    dead-letter-topic: pcli-order-dead
                  audit:
                    topic: pcli-audit-events
                    namespace: pcli-audit
                    ruleset: pcli-review
                    decisions-topic: pcli-audit-decisions
                    dead-letter-topic: pcli-audit-dead
                """.formatted(kafka.url()));
        cluster = LocalCluster.start(2, member -> member.rulegridYaml(rulegridYaml));
        grid = RuleGridClient.builder().clusterName(cluster.clusterName())
                .members(cluster.addresses().toArray(String[]::new)).connect();
        grid.rulesets().deploy("pcli-review.grl", RULESET);
    }

    @AfterAll
    static void stopCluster() {
        grid.close();
        cluster.close();
    }

    @Test
    void listShowsEveryConfiguredPipelineWithItsTopicNamespaceRulesetAndRunningJob() {
        CliRun list = await().atMost(PATIENCE).until(() -> CliRun.on(cluster, "pipeline", "list"),
                run -> run.out().lines().skip(1).filter(line -> line.contains(" RUNNING ")).count() == 2);

        assertThat(list.exit()).isZero();
        assertThat(list.err()).isEmpty();
        List<String> lines = list.out().lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("PIPELINE", "STATE", "TOPIC", "NAMESPACE", "RULESET",
                "SUBMITTED", "READ", "WRITTEN");
        assertThat(lines).hasSize(3);
        assertThat(row(lines.get(1))).startsWith("audit", "RUNNING", AUDIT_EVENTS, "pcli-audit", "pcli-review");
        List<String> orders = row(lines.get(2));
        assertThat(orders).startsWith("orders", "RUNNING", ORDER_EVENTS, "pcli-orders", "pcli-review");
        assertThat(orders.get(5)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        // counts, or "-" until Jet first collects the job's metrics
        assertThat(orders.get(6)).matches("\\d+|-");
        assertThat(orders.get(7)).matches("\\d+|-");
    }

    @Test
    void stopSuspendsAPipelineAndStartResumesItWhereItStoppedWithTheEventsSentMeanwhile() {
        Namespace orders = grid.namespace("pcli-orders");
        Namespace audit = grid.namespace("pcli-audit");
        send(ORDER_EVENTS, "s-1", "{\"id\":\"s-e1\",\"op\":\"upsert\",\"fact\":{\"total\":150,\"status\":\"NEW\"}}");
        await().atMost(PATIENCE).until(() -> orders.get("s-1").isPresent());

        CliRun stop = CliRun.on(cluster, "pipeline", "stop", "orders");

        assertThat(stop.err()).isEmpty();
        assertThat(stop.exit()).isZero();
        assertThat(stop.out()).startsWith("stopped orders: suspended job ").endsWith(" with a snapshot;"
                + " `rulegrid pipeline start orders` resumes it from there\n");
        CliRun status = CliRun.on(cluster, "pipeline", "status", "orders");
        assertThat(status.out()).contains("state              SUSPENDED\n", "suspended          Requested by user\n",
                "job                rulegrid-pipeline-orders (", "topic              pcli-order-events\n",
                "decisions topic    pcli-order-decisions\n", "dead-letter topic  pcli-order-dead\n",
                "events read        -\n");

        send(ORDER_EVENTS, "s-2", "{\"id\":\"s-e2\",\"op\":\"upsert\",\"fact\":{\"total\":200,\"status\":\"NEW\"}}");
        // sent after the orders event, on a pipeline that runs: once applied, orders had the time to apply its own
        send(AUDIT_EVENTS, "s-witness", "{\"id\":\"s-w1\",\"op\":\"upsert\",\"fact\":{\"total\":1}}");
        await().atMost(PATIENCE).until(() -> audit.get("s-witness").isPresent());
        assertThat(orders.get("s-2")).as("an event sent while the pipeline is stopped").isEmpty();
        assertThat(grid.pipelines().status("orders").state()).isEqualTo(PipelineState.SUSPENDED);
        assertThat(CliRun.on(cluster, "pipeline", "stop", "orders").out())
                .matches("orders is already stopped \\(job [0-9a-f-]+, SUSPENDED\\)\n");

        CliRun start = CliRun.on(cluster, "pipeline", "start", "orders");

        assertThat(start.err()).isEmpty();
        assertThat(start.exit()).isZero();
        assertThat(start.out()).matches("started orders: resumed job [0-9a-f-]+ from its last snapshot \\(RUNNING\\)\n");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(orders.get("s-2")).hasValueSatisfying(fact -> assertThat(fact).containsEntry("status",
                        "REVIEW")));
        assertThat(CliRun.on(cluster, "pipeline", "start", "orders").out())
                .matches("orders is already running \\(job [0-9a-f-]+, RUNNING\\)\n");

        // an event after the resume: once its decision is written, a replay of the events before the stop would be
        send(ORDER_EVENTS, "s-3", "{\"id\":\"s-e3\",\"op\":\"upsert\",\"fact\":{\"total\":300,\"status\":\"NEW\"}}");
        List<String> decided = decisionsUntil("s-e3");
        assertThat(decided).filteredOn(id -> id.startsWith("s-")).as("one decision per event, none twice")
                .containsExactlyInAnyOrder("s-e1", "s-e2", "s-e3");
    }

    @Test
    void startOfAFailedPipelineSubmitsANewJobThatAppliesEvents() {
        String failedJob = await().atMost(PATIENCE).until(() -> grid.pipelines().status("audit"),
                pipeline -> pipeline.state() == PipelineState.RUNNING).jobId();
        grid.hazelcast().getJet().getJob(GridNames.pipelineJob("audit")).cancel();
        await().atMost(PATIENCE).until(() -> grid.pipelines().status("audit").state() == PipelineState.FAILED);

        CliRun stop = CliRun.on(cluster, "pipeline", "stop", "audit");
        CliRun start = CliRun.on(cluster, "pipeline", "start", "audit");

        assertThat(stop.exit()).isZero();
        assertThat(stop.out()).isEqualTo("audit is not running (FAILED); nothing to stop\n");
        assertThat(start.err()).isEmpty();
        assertThat(start.exit()).isZero();
        Matcher started = Pattern.compile("started audit: submitted job ([0-9a-f-]+) \\(RUNNING\\)\n")
                .matcher(start.out());
        assertThat(started.matches()).as(start.out()).isTrue();
        assertThat(started.group(1)).isNotEqualTo(failedJob);
        send(AUDIT_EVENTS, "f-1", "{\"id\":\"f-e1\",\"op\":\"upsert\",\"fact\":{\"total\":2}}");
        await().atMost(PATIENCE).until(() -> grid.namespace("pcli-audit").get("f-1").isPresent());
    }

    @Test
    void aPipelineNoMemberConfiguresIsRefusedNamingTheConfiguredOnes() {
        CliRun start = CliRun.on(cluster, "pipeline", "start", "invoices");
        CliRun status = CliRun.on(cluster, "pipeline", "status", "invoices");

        String refusal = "no pipeline \"invoices\" is configured on the cluster; its pipelines are: audit, orders\n";
        assertThat(start.exit()).isEqualTo(RuleGridCli.ERROR);
        assertThat(start.err()).isEqualTo(refusal);
        assertThat(status.exit()).isEqualTo(RuleGridCli.ERROR);
        assertThat(status.err()).isEqualTo(refusal);
    }

    @Test
    void helpSaysWhatEachCommandDoes() {
        assertThat(CliRun.run("pipeline", "--help").out()).contains("Usage: rulegrid pipeline",
                "list    The configured pipelines", "status  One pipeline", "start   Start a pipeline",
                "stop    Stop a pipeline", "rulegrid-pipeline-NAME");
        assertThat(CliRun.run("pipeline", "list", "--help").out()).contains("Usage: rulegrid pipeline list",
                "SUSPENDED", "--cluster=HOST:PORT");
        assertThat(CliRun.run("pipeline", "status", "--help").out()).contains("Usage: rulegrid pipeline status",
                "NAME", "--cluster-name=NAME");
        assertThat(CliRun.run("pipeline", "start", "--help").out()).contains("Usage: rulegrid pipeline start",
                "resume its job, or submit a new one", "--cluster=HOST:PORT");
        assertThat(CliRun.run("pipeline", "stop", "--help").out()).contains("Usage: rulegrid pipeline stop",
                "suspend its job with a snapshot", "--cluster=HOST:PORT");
    }

    private static List<String> row(String line) {
        Matcher matcher = ROW.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            cells.add(matcher.group(i));
        }
        return cells;
    }

    private static void send(String topic, String key, String value) {
        KafkaRecords.sendKeyed(kafka, topic, key, value);
    }

    /** The event ids of the orders decisions from the topic's beginning, once one is of {@code lastEventId}. */
    private static List<String> decisionsUntil(String lastEventId) {
        return KafkaRecords.readCommittedUntil(kafka, ORDER_DECISIONS, PATIENCE, records -> records.stream()
                        .anyMatch(record -> lastEventId.equals(eventId(record))))
                .stream().map(PipelineCommandTest::eventId).toList();
    }

    private static String eventId(ConsumerRecord<String, String> decision) {
        return (String) Facts.parse(decision.value()).get("eventId");
    }
}
