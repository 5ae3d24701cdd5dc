package io.rulegrid.devservices;

import io.rulegrid.devservices.junit.KafkaRecords;
import io.rulegrid.devservices.junit.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What clients of a running broker see, on the shared broker of the test JVM; each test has topics of its own. */
@WithKafka
class KafkaClientsTest {

    @Test
    void consumersReadWhatProducersSent(KafkaService kafka) throws Exception {
        assertThat(kafka.url()).isEqualTo("127.0.0.1:" + kafka.port());
        kafka.createTopic("clients-orders", 3);
        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "order-" + i).toList();

        try (KafkaProducer<String, String> producer = KafkaRecords.producer(kafka, Map.of())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>("clients-orders", value, value)).get();
            }
        }

        assertThat(KafkaRecords.read(kafka, "clients-orders", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(partitions(kafka, "clients-orders")).isEqualTo(3);
    }

    @Test
    void aTopicIsCreatedWithOnePartitionWhenFirstUsed(KafkaService kafka) throws Exception {
        KafkaRecords.send(kafka, "clients-first-use", "a", "b");

        assertThat(KafkaRecords.read(kafka, "clients-first-use", 2)).containsExactly("a", "b");
        assertThat(partitions(kafka, "clients-first-use")).isEqualTo(1);
    }

    @Test
    void readCommittedConsumersSeeCommittedTransactionsOnly(KafkaService kafka) {
        kafka.createTopic("clients-decisions", 1);
        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clients-test");

        try (KafkaProducer<String, String> producer = KafkaRecords.producer(kafka, transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("clients-decisions", "committed-1"));
            producer.send(new ProducerRecord<>("clients-decisions", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("clients-decisions", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("clients-decisions", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(KafkaRecords.read(kafka, "clients-decisions", 3, "read_committed"))
                .containsExactly("committed-1", "committed-2", "committed-3");
        // the aborted record was written: only the isolation level keeps it from the consumer above
        assertThat(KafkaRecords.read(kafka, "clients-decisions", 4, "read_uncommitted"))
                .containsExactly("committed-1", "committed-2", "aborted", "committed-3");
    }

    @Test
    void creatingATopicTwiceFailsNamingIt(KafkaService kafka) {
        kafka.createTopic("clients-twice", 1);

        assertThatThrownBy(() -> kafka.createTopic("clients-twice", 1))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining("clients-twice")
                .hasMessageContaining("exists already");
    }

    @Test
    void listensAndAdvertisesOn127001Only(KafkaService kafka) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        // every socket this JVM listens on is a broker's or its controller's: the test JVM talks to Maven over pipes
        assertThat(ListeningSockets.ofThisJvm())
                .contains(new InetSocketAddress(loopback, kafka.port()))
                .allSatisfy(address -> assertThat(address.getAddress()).isEqualTo(loopback));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url()))) {
            assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::host, Node::port)
                    .containsExactly(tuple("127.0.0.1", kafka.port()));
        }
    }

    private static int partitions(KafkaService kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.url()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }
}
