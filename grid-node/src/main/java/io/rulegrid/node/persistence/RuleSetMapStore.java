package io.rulegrid.node.persistence;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.MapStore;
import io.rulegrid.grid.RuleSetRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write-through MapStore of the ruleset registry ({@code rulegrid.rulesets}): a {@link RuleSetRecord} is
 * one row per version in {@code rulesets} (the active one {@code ACTIVE}) and one row per change in
 * {@code ruleset_events}. Hazelcast calls {@link #store} on the partition thread before it changes the entry,
 * so a deploy is acknowledged only once PostgreSQL has it, and a failure leaves the entry as it was.
 * <p>
 * A store writes what the record has and the tables do not: new versions, the active flag, new events. Storing
 * the same record twice changes nothing, and rows are never rewritten, so the history is append-only.
 */
final class RuleSetMapStore implements MapStore<String, HazelcastJsonValue> {

    private static final String SELECT_VERSIONS = "SELECT version FROM rulesets WHERE name = ? FOR UPDATE";
    private static final String INSERT_VERSION = "INSERT INTO rulesets (name, version, source_name, source, checksum,"
            + " status, deployed_at, deployed_by) VALUES (?, ?, ?, ?, ?, 'INACTIVE', ?, ?)";
    // two statements, in this order: rulesets_one_active is checked row by row
    private static final String DEACTIVATE = "UPDATE rulesets SET status = 'INACTIVE'"
            + " WHERE name = ? AND status = 'ACTIVE' AND version <> ?";
    private static final String ACTIVATE = "UPDATE rulesets SET status = 'ACTIVE' WHERE name = ? AND version = ?";
    private static final String LAST_EVENT = "SELECT coalesce(max(seq), 0) FROM ruleset_events WHERE name = ?";
    private static final String INSERT_EVENT = "INSERT INTO ruleset_events (name, seq, type, version, at, actor)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT_RULESET = "SELECT version, source_name, source, checksum, status, deployed_at"
            + " FROM rulesets WHERE name = ? ORDER BY version";
    private static final String SELECT_EVENTS = "SELECT type, version, at, actor FROM ruleset_events"
            + " WHERE name = ? ORDER BY seq";
    private static final String SELECT_NAMES = "SELECT DISTINCT name FROM rulesets";
    private static final String DELETE_EVENTS = "DELETE FROM ruleset_events WHERE name = ?";
    private static final String DELETE_RULESET = "DELETE FROM rulesets WHERE name = ?";

    private final DataSource pool;
    private final Outage outage;

    RuleSetMapStore(DataSource pool, Outage outage) {
        this.pool = pool;
        this.outage = outage;
    }

    /**
     * @throws PostgresUnavailableException within the connect timeout if PostgreSQL cannot be reached
     */
    @Override
    public void store(String name, HazelcastJsonValue json) {
        RuleSetRecord record = RuleSetRecord.fromJson(json);
        outage.once("store ruleset \"" + name + "\"", () -> {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                insertNewVersions(connection, name, record);
                setActive(connection, name, record.active());
                appendNewEvents(connection, name, record.events());
                connection.commit();
            }
            return null;
        });
    }

    @Override
    public void storeAll(Map<String, HazelcastJsonValue> records) {
        records.forEach(this::store);
    }

    @Override
    public void delete(String name) {
        outage.once("delete ruleset \"" + name + "\"", () -> {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                for (String statement : List.of(DELETE_EVENTS, DELETE_RULESET)) {
                    try (PreparedStatement delete = connection.prepareStatement(statement)) {
                        delete.setString(1, name);
                        delete.executeUpdate();
                    }
                }
                connection.commit();
            }
            return null;
        });
    }

    @Override
    public void deleteAll(Collection<String> names) {
        names.forEach(this::delete);
    }

    @Override
    public HazelcastJsonValue load(String name) {
        return outage.once("load ruleset \"" + name + "\"", () -> {
            try (Connection connection = pool.getConnection()) {
                RuleSetRecord record = read(connection, name);
                return record == null ? null : record.toJson();
            }
        });
    }

    @Override
    public Map<String, HazelcastJsonValue> loadAll(Collection<String> names) {
        return outage.once("load " + names.size() + " rulesets", () -> {
            Map<String, HazelcastJsonValue> records = new HashMap<>();
            try (Connection connection = pool.getConnection()) {
                for (String name : names) {
                    RuleSetRecord record = read(connection, name);
                    if (record != null) {
                        records.put(name, record.toJson());
                    }
                }
            }
            return records;
        });
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return outage.once("load the ruleset names", () -> {
            List<String> names = new ArrayList<>();
            try (Connection connection = pool.getConnection();
                 PreparedStatement select = connection.prepareStatement(SELECT_NAMES);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    private static void insertNewVersions(Connection connection, String name, RuleSetRecord record) throws SQLException {
        Set<Integer> stored = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_VERSIONS)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getInt(1));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VERSION)) {
            for (RuleSetRecord.Version version : record.versions()) {
                if (stored.contains(version.version())) {
                    continue;
                }
                insert.setString(1, name);
                insert.setInt(2, version.version());
                insert.setString(3, version.sourceName());
                insert.setString(4, version.source());
                insert.setString(5, version.checksum());
                insert.setTimestamp(6, new Timestamp(version.deployedAt()));
                insert.setString(7, deployedBy(record, version.version()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Who deployed a version: the {@code by} of its deploy event, if the record has one. */
    private static String deployedBy(RuleSetRecord record, int version) {
        return record.events().stream()
                .filter(e -> RuleSetRecord.Event.DEPLOY.equals(e.type()) && e.version() == version)
                .map(RuleSetRecord.Event::by).findFirst().orElse(null);
    }

    private static void setActive(Connection connection, String name, int active) throws SQLException {
        for (String statement : List.of(DEACTIVATE, ACTIVATE)) {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                update.setString(1, name);
                update.setInt(2, active);
                update.executeUpdate();
            }
        }
    }

    private static void appendNewEvents(Connection connection, String name, List<RuleSetRecord.Event> events)
            throws SQLException {
        int stored;
        try (PreparedStatement last = connection.prepareStatement(LAST_EVENT)) {
            last.setString(1, name);
            try (ResultSet row = last.executeQuery()) {
                row.next();
                stored = row.getInt(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (int seq = stored + 1; seq <= events.size(); seq++) {
                RuleSetRecord.Event event = events.get(seq - 1);
                insert.setString(1, name);
                insert.setInt(2, seq);
                insert.setString(3, event.type());
                insert.setInt(4, event.version());
                insert.setTimestamp(5, new Timestamp(event.at()));
                insert.setString(6, event.by());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The record of a ruleset from its rows; {@code null} if it has none. Its revision counts its events. */
    private static RuleSetRecord read(Connection connection, String name) throws SQLException {
        List<RuleSetRecord.Version> versions = new ArrayList<>();
        int active = 0;
        try (PreparedStatement select = connection.prepareStatement(SELECT_RULESET)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int version = rows.getInt("version");
                    versions.add(new RuleSetRecord.Version(version, rows.getString("source_name"),
                            rows.getString("source"), rows.getString("checksum"),
                            rows.getTimestamp("deployed_at").getTime()));
                    if ("ACTIVE".equals(rows.getString("status"))) {
                        active = version;
                    }
                }
            }
        }
        if (versions.isEmpty()) {
            return null;
        }
        List<RuleSetRecord.Event> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_EVENTS)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new RuleSetRecord.Event(rows.getString("type"), rows.getInt("version"),
                            rows.getTimestamp("at").getTime(), rows.getString("actor")));
                }
            }
        }
        return new RuleSetRecord(RuleSetRecord.FORMAT, name, events.size(), active, versions, events);
    }
}
