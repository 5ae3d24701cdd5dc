package io.rulegrid.devservices.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class an embedded Kafka broker: its test methods, constructor and {@code @BeforeAll} /
 * {@code @BeforeEach} methods get the {@link io.rulegrid.devservices.KafkaService} as a parameter, running,
 * its {@code url()} the {@code bootstrap.servers} of the class's clients.
 *
 * <pre>{@code
 * @WithKafka
 * class OrderEventsTest {
 *     @Test
 *     void decisionsFollowEvents(KafkaService kafka) { ... kafka.url() ... }
 * }
 * }</pre>
 *
 * Classes that share the broker keep apart through topics of their own names.
 *
 * @see KafkaExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {

    /**
     * {@code true}: the one broker of the test JVM, started by the first class that asks and closed when the
     * tests end. {@code false}: a broker of this class's own, closed after it, for tests that stop or restart it.
     */
    boolean shared() default true;
}
