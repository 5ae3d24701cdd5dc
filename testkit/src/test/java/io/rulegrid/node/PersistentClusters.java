package io.rulegrid.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.rulegrid.api.Facts;
import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.wire.BulkSummary;
import io.rulegrid.grid.wire.EvaluatePartitionsTask;
import io.rulegrid.grid.wire.EvaluationRequest;
import io.rulegrid.grid.wire.RegistryTask;
import io.rulegrid.node.config.PostgresConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Clusters that persist to a test's database, and what the tests compare: a fact table's rows and a namespace's
 * facts, both as parsed JSON (jsonb does not keep the text as written: key order and spaces change).
 */
final class PersistentClusters {

    private PersistentClusters() {
    }

    /** Members with this rulegrid.yaml {@code namespaces:} section, persisting to the database. */
    static UnaryOperator<RuleGridNode.Builder> persistingTo(PostgresDatabase database, Path dir, String namespaces) {
        Path yaml = dir.resolve("rulegrid.yaml");
        try {
            Files.writeString(yaml, "namespaces:\n" + namespaces.indent(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresConfig postgres = PostgresConfig.of(database.url(), database.user(), database.password());
        return builder -> builder.rulegridYaml(yaml).postgres(postgres);
    }

    /** Deploys a rule file through a member and returns the active version. */
    static int deploy(HazelcastInstance client, String sourceName, String source) throws Exception {
        return client.getExecutorService(GridNames.EXECUTOR).submit(RegistryTask.deploy(sourceName, source))
                .get(2, TimeUnit.MINUTES).version();
    }

    static int activate(HazelcastInstance client, String ruleset, int version) throws Exception {
        return client.getExecutorService(GridNames.EXECUTOR).submit(RegistryTask.activate(ruleset, version))
                .get(2, TimeUnit.MINUTES).version();
    }

    /**
     * Evaluates a ruleset over every fact of a namespace the way the client does: one task per member, with the
     * partitions it owns.
     */
    static BulkSummary evaluateAll(HazelcastInstance client, EvaluationRequest request) throws Exception {
        IExecutorService executor = client.getExecutorService(GridNames.EXECUTOR);
        Map<Member, List<Integer>> byOwner = new HashMap<>();
        for (Partition partition : client.getPartitionService().getPartitions()) {
            byOwner.computeIfAbsent(partition.getOwner(), owner -> new ArrayList<>()).add(partition.getPartitionId());
        }
        List<Future<BulkSummary>> parts = new ArrayList<>();
        byOwner.forEach((owner, partitions) -> parts.add(executor.submitToMember(new EvaluatePartitionsTask(request,
                null, partitions.stream().mapToInt(Integer::intValue).toArray(), "evaluate-all-" + request.ruleset()),
                owner)));
        BulkSummary summary = new BulkSummary();
        for (Future<BulkSummary> part : parts) {
            summary.merge(part.get(2, TimeUnit.MINUTES));
        }
        return summary;
    }

    /** Every fact of a namespace, by key. */
    static Map<String, Map<String, Object>> facts(IMap<String, HazelcastJsonValue> namespace) {
        Map<String, Map<String, Object>> facts = new HashMap<>();
        namespace.entrySet().forEach(entry -> facts.put(entry.getKey(), Facts.parse(entry.getValue().getValue())));
        return facts;
    }

    /** Every row of a fact table, by key. */
    static Map<String, Map<String, Object>> rows(PostgresDatabase database, String table) throws SQLException {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement select = connection.createStatement();
             // the table name is a constant of the test
             ResultSet result = select.executeQuery("SELECT key, fact::text FROM " + table)) {
            while (result.next()) {
                rows.put(result.getString(1), Facts.parse(result.getString(2)));
            }
        }
        return rows;
    }
}
