package io.rulegrid.devservices.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class an embedded PostgreSQL: its test methods, constructor and {@code @BeforeAll} /
 * {@code @BeforeEach} methods get, as parameters, the {@link io.rulegrid.devservices.PostgresService} and a
 * {@link io.rulegrid.devservices.PostgresDatabase} of this class's own, empty when the class starts.
 *
 * <pre>{@code
 * @WithPostgres
 * class OrderStoreTest {
 *     @BeforeAll
 *     static void createSchema(PostgresDatabase database) { ... database.url() ... }
 * }
 * }</pre>
 *
 * @see PostgresExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface WithPostgres {

    /**
     * {@code true}: the one PostgreSQL of the test JVM, started by the first class that asks and closed when the
     * tests end; classes keep apart through their own database. {@code false}: a PostgreSQL of this class's own,
     * closed after it, for tests that stop or restart it.
     */
    boolean shared() default true;
}
