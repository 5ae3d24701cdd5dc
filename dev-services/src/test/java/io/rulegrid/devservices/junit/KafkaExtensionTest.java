package io.rulegrid.devservices.junit;

import io.rulegrid.devservices.KafkaService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which broker a class gets: the shared one, in its constructor and methods alike, or one of its own. */
@WithKafka
class KafkaExtensionTest {

    private final KafkaService constructorBroker;

    KafkaExtensionTest(KafkaService kafka) {
        this.constructorBroker = kafka;
    }

    @Test
    void constructorAndMethodGetTheSameRunningBroker(KafkaService kafka) {
        assertThat(kafka).isSameAs(constructorBroker);
        assertThat(kafka.isRunning()).isTrue();
    }

    @Nested
    class WithoutAnnotationOfItsOwn {

        @Test
        void getsItsOuterClassesBroker(KafkaService kafka) {
            assertThat(kafka).isSameAs(constructorBroker);
        }
    }

    @Nested
    @WithKafka(shared = false)
    class NotShared {

        @Test
        void getsABrokerOfItsOwn(KafkaService kafka) {
            assertThat(kafka).isNotSameAs(constructorBroker);
            assertThat(kafka.url()).isNotEqualTo(constructorBroker.url());
            assertThat(kafka.isRunning()).isTrue();
        }
    }
}
