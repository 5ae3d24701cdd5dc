package io.rulegrid.node.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * The Kafka the member's pipelines read events from and write decisions to: {@code kafka:} in
 * {@code rulegrid.yaml}, overridden by {@link #ENV_BROKERS}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, {@code host:port} comma separated
 */
public record KafkaConfig(String bootstrapServers) {

    /** Environment variable: overrides {@code kafka.bootstrap-servers}, or gives it when rulegrid.yaml has none. */
    public static final String ENV_BROKERS = "KAFKA_BROKERS";

    /**
     * @throws InvalidConfigException naming the key (relative to {@code kafka}) and the problem
     */
    public KafkaConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidConfigException("rulegrid config", "bootstrap-servers",
                    "is empty; give the brokers as host:port, comma separated");
        }
        for (String server : bootstrapServers.split(",")) {
            String address = server.strip();
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !isPort(address.substring(colon + 1))) {
                throw new InvalidConfigException("rulegrid config", "bootstrap-servers", "has '" + address
                        + "' but each broker must be host:port");
            }
        }
        bootstrapServers = bootstrapServers.strip();
    }

    private static boolean isPort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The Kafka given by {@link #ENV_BROKERS} if set, else {@code base}.
     *
     * @return {@code null} when neither gives one
     * @throws InvalidConfigException naming the variable when its value is not a broker list
     */
    public static KafkaConfig withEnvironment(KafkaConfig base, Map<String, String> environment) {
        String brokers = environment.get(ENV_BROKERS);
        if (brokers == null) {
            return base;
        }
        try {
            return new KafkaConfig(brokers);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(ENV_BROKERS, "kafka." + e.key(), e.problem());
        }
    }

    @JsonCreator
    static KafkaConfig fromYaml(@JsonProperty("bootstrap-servers") String bootstrapServers) {
        return new KafkaConfig(bootstrapServers);
    }
}
