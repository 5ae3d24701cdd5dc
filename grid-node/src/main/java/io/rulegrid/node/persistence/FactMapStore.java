package io.rulegrid.node.persistence;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.MapStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-behind MapStore and the MapLoader of one persistent namespace: its facts as rows of
 * {@code facts_<namespace>} (key, JSONB fact, version, updated_at). Hazelcast calls {@link #storeAll} and
 * {@link #deleteAll} with the coalesced changes of a write delay, at most a write batch at a time; a retracted
 * fact is a deleted row. While PostgreSQL is unreachable the calls wait for it (see {@link Outage}), so the
 * changes stay queued. Every value is a bind parameter; the table name comes from {@link FactTables}.
 */
final class FactMapStore implements MapStore<String, HazelcastJsonValue> {

    private static final Logger LOG = LoggerFactory.getLogger(FactMapStore.class);

    private final String namespace;
    private final String table;
    private final DataSource pool;
    private final Outage outage;
    private final boolean loadsOnMiss;
    private final boolean loadsAllKeys;
    private final String upsert;
    private final String delete;
    private final String selectOne;
    private final String selectMany;
    private final String selectKeys;

    /**
     * @param loadsOnMiss  whether a key missing from the grid may be in the table: true when the namespace loads
     *                     lazily or its map can evict or expire entries; otherwise a miss is answered without
     *                     PostgreSQL, so new facts can be upserted while it is down
     * @param loadsAllKeys whether the member loads every row at start (EAGER) rather than per key on first use
     */
    FactMapStore(String namespace, DataSource pool, Outage outage, boolean loadsOnMiss, boolean loadsAllKeys) {
        this.namespace = namespace;
        this.table = FactTables.quotedTableName(namespace);
        this.pool = pool;
        this.outage = outage;
        this.loadsOnMiss = loadsOnMiss;
        this.loadsAllKeys = loadsAllKeys;
        // version counts the writes of the row: 1 when inserted, one more per update
        this.upsert = "INSERT INTO " + table + " AS stored (key, fact, version, updated_at)"
                + " VALUES (?, CAST(? AS jsonb), 1, now())"
                + " ON CONFLICT (key) DO UPDATE SET fact = EXCLUDED.fact, version = stored.version + 1,"
                + " updated_at = EXCLUDED.updated_at";
        this.delete = "DELETE FROM " + table + " WHERE key = ANY (?)";
        this.selectOne = "SELECT fact::text FROM " + table + " WHERE key = ?";
        this.selectMany = "SELECT key, fact::text FROM " + table + " WHERE key = ANY (?)";
        this.selectKeys = "SELECT key FROM " + table;
    }

    /** The table's DDL: created at member start when missing, from the validated table name only. */
    static String createTable(String namespace) {
        return "CREATE TABLE IF NOT EXISTS " + FactTables.quotedTableName(namespace) + " ("
                + " key text PRIMARY KEY,"
                + " fact jsonb NOT NULL,"
                + " version bigint NOT NULL,"
                + " updated_at timestamptz NOT NULL)";
    }

    @Override
    public void store(String key, HazelcastJsonValue value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, HazelcastJsonValue> facts) {
        storeOrGiveUp("store " + facts.size() + " facts", facts.size(), () -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(upsert)) {
                connection.setAutoCommit(false);
                for (Map.Entry<String, HazelcastJsonValue> fact : facts.entrySet()) {
                    statement.setString(1, fact.getKey());
                    statement.setString(2, fact.getValue().getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
                return null;
            }
        });
    }

    @Override
    public void delete(String key) {
        deleteAll(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        storeOrGiveUp("delete " + keys.size() + " retracted facts", keys.size(), () -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(delete)) {
                statement.setArray(1, textArray(connection, keys));
                statement.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public HazelcastJsonValue load(String key) {
        if (!loadsOnMiss) {
            return null;
        }
        return outage.once("load fact '" + key + "' of namespace " + namespace, () -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(selectOne)) {
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? new HazelcastJsonValue(row.getString(1)) : null;
                }
            }
        });
    }

    @Override
    public Map<String, HazelcastJsonValue> loadAll(Collection<String> keys) {
        return outage.once("load " + keys.size() + " facts of namespace " + namespace, () -> {
            Map<String, HazelcastJsonValue> facts = new HashMap<>();
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(selectMany)) {
                statement.setArray(1, textArray(connection, keys));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        facts.put(rows.getString(1), new HazelcastJsonValue(rows.getString(2)));
                    }
                }
            }
            return facts;
        });
    }

    /** Every key of the table for an EAGER namespace; none for a LAZY one, whose facts load per key. */
    @Override
    public Iterable<String> loadAllKeys() {
        if (!loadsAllKeys) {
            return List.of();
        }
        return outage.once("load the keys of namespace " + namespace, () -> {
            List<String> keys = new ArrayList<>();
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(selectKeys)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /**
     * Waits for PostgreSQL while it is down. Only a member shutting down gives up, after {@link Outage#SHUTDOWN_GRACE}:
     * then the changes are lost, and said so, rather than the shutdown hanging; a failure Hazelcast would retry
     * would cost it three seconds per change.
     */
    private void storeOrGiveUp(String what, int changes, Outage.SqlWork<Void> work) {
        try {
            outage.untilReachable(what + " in " + table, work);
        } catch (PostgresUnavailableException e) {
            LOG.error("{} changes of namespace {} are not in PostgreSQL table {}: {}", changes, namespace, table,
                    e.getMessage());
        }
    }

    private static Array textArray(Connection connection, Collection<String> keys) throws SQLException {
        return connection.createArrayOf("text", keys.toArray());
    }
}
