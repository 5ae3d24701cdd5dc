package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.PostgresDatabase;
import io.rulegrid.devservices.PostgresService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test classes of the extension were given, kept across classes of one test JVM: whichever class runs
 * second compares with the first, whatever the order.
 */
final class SharedInstances {

    private static final AtomicReference<PostgresService> SHARED = new AtomicReference<>();
    private static final Map<Class<?>, PostgresDatabase> DATABASES = new ConcurrentHashMap<>();

    private SharedInstances() {
    }

    /** Records the shared service a class got and checks it is the one every other class got. */
    static void sharedServiceOf(Class<?> testClass, PostgresService service) {
        PostgresService first = SHARED.compareAndExchange(null, service);
        if (first != null) {
            assertThat(service).as("the shared service given to %s", testClass.getSimpleName()).isSameAs(first);
        }
    }

    /** The shared service, if a class recorded it. */
    static PostgresService shared() {
        return SHARED.get();
    }

    /** Records a class's database and checks no other class got the same one. */
    static void databaseOf(Class<?> testClass, PostgresDatabase database) {
        DATABASES.put(testClass, database);
        assertThat(DATABASES.entrySet())
                .filteredOn(entry -> entry.getKey() != testClass)
                .allSatisfy(entry -> assertThat(entry.getValue().name()).isNotEqualTo(database.name()));
    }
}
