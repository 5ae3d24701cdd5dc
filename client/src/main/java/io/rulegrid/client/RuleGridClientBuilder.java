package io.rulegrid.client;

import com.hazelcast.client.config.ClientConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which cluster to connect to, and through which members: {@code RuleGridClient.builder().clusterName("rulegrid")
 * .members("10.0.0.1:5701", "10.0.0.2:5701").connect()}. For anything else (timeouts, TLS, discovery) build a
 * Hazelcast {@link ClientConfig} and call {@link RuleGridClient#connect(ClientConfig)}. Not thread-safe.
 */
public final class RuleGridClientBuilder {

    /** {@code host:port}, the host a name, an IPv4 address or a bracketed IPv6 address. */
    private static final Pattern MEMBER = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");

    private String clusterName;
    private final List<String> members = new ArrayList<>();

    RuleGridClientBuilder() {
    }

    /**
     * The cluster's name (members of other clusters refuse the connection).
     *
     * @throws IllegalArgumentException if it is blank, or is a member address (give those to {@link #members})
     */
    public RuleGridClientBuilder clusterName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("cluster name is " + (name == null ? "null" : "blank"));
        }
        if (MEMBER.matcher(name).matches()) {
            throw new IllegalArgumentException("cluster name '" + name + "' is a member address; give addresses to"
                    + " members(\"host:port\", ...) and the cluster's name to clusterName(...)");
        }
        this.clusterName = name;
        return this;
    }

    /**
     * Members to connect to first; the client then learns the others from them and routes every call on a key
     * to its owner.
     *
     * @param addresses {@code host:port} each, e.g. {@code 127.0.0.1:5701} or {@code [::1]:5701}
     * @throws IllegalArgumentException naming the address that is not {@code host:port} with a port 1-65535
     */
    public RuleGridClientBuilder members(String... addresses) {
        for (String address : addresses) {
            members.add(checkMember(address));
        }
        return this;
    }

    /**
     * Connects, and returns when connected to a member.
     *
     * @throws IllegalStateException if the cluster name or the members are missing, or no member answers
     */
    public RuleGridClient connect() {
        if (clusterName == null) {
            throw new IllegalStateException("no cluster name: call clusterName(\"...\") before connect()");
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("no member address: call members(\"host:port\", ...) before connect()");
        }
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.getNetworkConfig().addAddress(members.toArray(String[]::new));  // smart routing is the default
        return RuleGridClient.connect(config);
    }

    private static String checkMember(String address) {
        Matcher matcher = address == null ? null : MEMBER.matcher(address.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("member address '" + address + "' is not host:port (e.g. 127.0.0.1:5701)");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("member address '" + address + "' has port " + port
                    + ", not one of 1-65535");
        }
        return address.strip();
    }
}
