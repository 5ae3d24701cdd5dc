package io.rulegrid.node;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

/**
 * An application with nothing but Hazelcast 5.6 on its classpath, run in a JVM of its own: it must be able to
 * write, read and query RuleGrid's facts. Imports only Hazelcast, so a RuleGrid class it needed would fail it.
 *
 * <p>Arguments: cluster name, member address, namespace, then {@code put KEY JSON} or {@code read KEY PREDICATE}.
 */
public final class PlainHazelcastClientProbe {

    private PlainHazelcastClientProbe() {
    }

    public static void main(String[] args) {
        ClientConfig config = new ClientConfig().setClusterName(args[0]);
        config.getNetworkConfig().addAddress(args[1]);
        config.setProperty("hazelcast.logging.type", "none");
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            IMap<String, HazelcastJsonValue> facts = client.getMap(args[2]);
            if (args[3].equals("put")) {
                facts.set(args[4], new HazelcastJsonValue(args[5]));
            } else {
                System.out.println("FACT " + facts.get(args[4]).getValue());
                System.out.println("MATCHING " + facts.keySet(Predicates.sql(args[5])).stream().sorted().toList());
            }
        } finally {
            client.shutdown();
        }
    }
}
