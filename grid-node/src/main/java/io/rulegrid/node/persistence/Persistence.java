package io.rulegrid.node.persistence;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.rulegrid.grid.GridNames;
import io.rulegrid.node.config.InitialLoad;
import io.rulegrid.node.config.InvalidConfigException;
import io.rulegrid.node.config.NamespaceConfig;
import io.rulegrid.node.config.PostgresConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A member's PostgreSQL: its connection pool, the schema (Flyway migrations of {@code db/migration}, and a table
 * per persistent namespace), and the MapStores it puts on the registry map and the persistent namespaces' maps.
 * Opened before the member starts, because Hazelcast takes MapStore instances in its configuration; closed when
 * the member shuts down or is terminated.
 *
 * <pre>{@code
 * Persistence persistence = Persistence.open(postgres, namespaces);  // migrates, creates the fact tables
 * persistence.configure(config, "config/hazelcast.yaml");            // MapStores on the maps
 * HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
 * persistence.attach(member);                                        // closes with the member
 * }</pre>
 */
public final class Persistence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    /** Serializes the members' CREATE TABLE IF NOT EXISTS, which PostgreSQL does not make safe against each other. */
    private static final long CREATE_TABLES_LOCK = 0x52756c6547726964L;
    /** Hazelcast's executor of write-behind workers, among others; its default size is twice the cores. */
    private static final String WRITE_BEHIND_EXECUTOR = "hz:scheduled";

    private final HikariDataSource pool;
    private final Outage outage;
    private final Map<String, NamespaceConfig> persistentNamespaces;

    private Persistence(HikariDataSource pool, Outage outage, Map<String, NamespaceConfig> persistentNamespaces) {
        this.pool = pool;
        this.outage = outage;
        this.persistentNamespaces = Map.copyOf(persistentNamespaces);
    }

    /**
     * Connects, applies the migrations and creates the missing tables of the persistent namespaces.
     *
     * @param namespaces the declared namespaces; those marked persistent get a table and a MapStore
     * @throws PostgresUnavailableException if PostgreSQL cannot be reached within the connect timeout
     * @throws PersistenceException         if the schema cannot be migrated or a table created
     */
    public static Persistence open(PostgresConfig postgres, Map<String, NamespaceConfig> namespaces) {
        Map<String, NamespaceConfig> persistent = new TreeMap<>();
        namespaces.forEach((name, options) -> {
            if (options.persistent()) {
                persistent.put(name, options);
            }
        });
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(postgres));
        } catch (HikariPool.PoolInitializationException e) {
            throw new PostgresUnavailableException("PostgreSQL at " + postgres.url() + " is unreachable: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
        try {
            migrate(pool, postgres);
            Outage outage = new Outage(postgres.url());
            outage.once("create the tables of namespaces " + persistent.keySet(), () -> {
                createFactTables(pool, persistent);
                return null;
            });
            LOG.info("PostgreSQL at {}: schema migrated; persistent namespaces {}", postgres.url(), persistent.keySet());
            return new Persistence(pool, outage, persistent);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Puts the MapStores on the maps of a member configuration: write-through on the registry, write-behind with
     * a loader on each persistent namespace, on the namespace's map config from {@code hazelcast.yaml} (or a copy
     * of what applies to it, {@code map.default}), which stays the authority for every other map setting.
     *
     * @param source the file the configuration was read from, as errors name it
     * @throws InvalidConfigException if {@code hazelcast.yaml} configures a MapStore of its own on one of these maps
     */
    public void configure(Config config, String source) {
        MapConfig registry = ownMapConfig(config, GridNames.RULESETS_MAP, source);
        registry.getMapStoreConfig().setEnabled(true)
                .setImplementation(new RuleSetMapStore(pool, outage))
                .setWriteDelaySeconds(0)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER);
        persistentNamespaces.forEach((namespace, options) -> {
            MapConfig map = ownMapConfig(config, namespace, source);
            boolean eager = options.initialLoad() == InitialLoad.EAGER;
            map.getMapStoreConfig().setEnabled(true)
                    .setImplementation(new FactMapStore(namespace, pool, outage, !eager || canDropEntries(map), eager))
                    .setWriteDelaySeconds(options.writeDelaySeconds())
                    .setWriteBatchSize(options.writeBatchSize())
                    .setWriteCoalescing(true)
                    .setInitialLoadMode(eager ? MapStoreConfig.InitialLoadMode.EAGER : MapStoreConfig.InitialLoadMode.LAZY);
        });
        reserveWriteBehindThreads(config);
    }

    /**
     * Ties the pool to the member: stores stop waiting for an unreachable PostgreSQL past a grace once the member
     * shuts down, and the pool closes when it is down (also when it is terminated).
     */
    public void attach(HazelcastInstance member) {
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTTING_DOWN) {
                outage.shuttingDown();
            } else if (event.getState() == LifecycleState.SHUTDOWN) {
                close();
            }
        });
    }

    /**
     * Loads the EAGER namespaces now when this member is the cluster's only one, before it serves calls. Hazelcast
     * otherwise loads a namespace on its first use, by then across members, and its initial load does not survive
     * a member crashing in the middle of it: the partitions that member was loading stay "still loading" and every
     * call on them is retried until it times out (the demo's second run, on its persisted orders, hit this when it
     * killed a member). Loaded by one member alone, the rows are loaded before any other member joins; joining
     * members receive loaded partitions. A member joining a running cluster loads nothing here: the cluster has
     * loaded, or loads on first use.
     */
    public void loadEagerNamespacesIfAlone(HazelcastInstance member) {
        if (member.getCluster().getMembers().size() > 1) {
            return;
        }
        persistentNamespaces.forEach((namespace, options) -> {
            if (options.initialLoad() == InitialLoad.EAGER) {
                long start = System.nanoTime();
                // a member's getMap of an EAGER map returns once every partition has loaded
                int facts = member.getMap(namespace).size();
                LOG.info("namespace {}: {} facts loaded from PostgreSQL in {} ms", namespace, facts,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig hikari(PostgresConfig postgres) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("rulegrid-postgres");
        hikari.setJdbcUrl(postgres.url());
        hikari.setUsername(postgres.user());
        hikari.setPassword(postgres.password());
        hikari.setMaximumPoolSize(postgres.poolSize());
        hikari.setMinimumIdle(1);
        long timeoutMillis = TimeUnit.SECONDS.toMillis(postgres.connectTimeoutSeconds());
        // a deploy waits at most this for a connection, then fails naming PostgreSQL as unreachable
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setValidationTimeout(Math.min(timeoutMillis, 1_000));
        hikari.setInitializationFailTimeout(timeoutMillis);
        hikari.addDataSourceProperty("connectTimeout", postgres.connectTimeoutSeconds());
        // a PostgreSQL that stops answering (not a refused connection) must not hold a partition thread forever
        hikari.addDataSourceProperty("socketTimeout", 30);
        hikari.addDataSourceProperty("tcpKeepAlive", true);
        // one INSERT of many rows for a JDBC batch: the write-behind's batches become single round trips
        hikari.addDataSourceProperty("reWriteBatchedInserts", true);
        return hikari;
    }

    private static void migrate(HikariDataSource pool, PostgresConfig postgres) {
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            throw new PersistenceException("cannot migrate the schema in PostgreSQL at " + postgres.url() + ": "
                    + e.getMessage());
        }
    }

    private static void createFactTables(HikariDataSource pool, Map<String, NamespaceConfig> persistent)
            throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, CREATE_TABLES_LOCK);
                lock.execute();
            }
            try (Statement statement = connection.createStatement()) {
                for (String namespace : persistent.keySet()) {
                    statement.execute(FactMapStore.createTable(namespace));
                }
            }
            connection.commit();
        }
    }

    /**
     * The map config of exactly this map, so that adding a MapStore changes no other map: the one in
     * {@code hazelcast.yaml}, or a copy of the one that applies to it ({@code map.default} or a wildcard).
     */
    private static MapConfig ownMapConfig(Config config, String name, String source) {
        // exact name only: getMapConfigOrNull would hand out a wildcard config that other maps share
        MapConfig own = config.getMapConfigs().get(name);
        if (own == null) {
            own = new MapConfig(config.findMapConfig(name)).setName(name);
            config.addMapConfig(own);
        }
        if (own.getMapStoreConfig().isEnabled()) {
            throw new InvalidConfigException(source, "map." + name + ".map-store", "RuleGrid configures the MapStore"
                    + " of this map itself (PostgreSQL, from rulegrid.yaml's postgres and persistent settings); remove it");
        }
        return own;
    }

    /** Whether the map can lose entries that are still in the table, so that a miss must ask PostgreSQL. */
    private static boolean canDropEntries(MapConfig map) {
        return map.getEvictionConfig().getEvictionPolicy() != EvictionPolicy.NONE
                || map.getTimeToLiveSeconds() > 0 || map.getMaxIdleSeconds() > 0;
    }

    /**
     * One more thread per persistent namespace in Hazelcast's {@code hz:scheduled} executor: each namespace's
     * write-behind worker runs there and waits on it while PostgreSQL is down, and the other scheduled tasks of
     * the member must not wait behind them.
     */
    private void reserveWriteBehindThreads(Config config) {
        ExecutorConfig configured = config.getExecutorConfigs().get(WRITE_BEHIND_EXECUTOR);
        int base = configured != null ? configured.getPoolSize() : 2 * Math.max(2, Runtime.getRuntime().availableProcessors());
        config.addExecutorConfig(new ExecutorConfig(WRITE_BEHIND_EXECUTOR, base + persistentNamespaces.size()));
    }
}
