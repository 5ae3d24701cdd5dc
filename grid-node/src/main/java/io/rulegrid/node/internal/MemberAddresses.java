package io.rulegrid.node.internal;

import io.rulegrid.node.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A tcp-ip member list, {@code host} or {@code host:port} comma separated, checked before Hazelcast tries to join. */
public final class MemberAddresses {

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private MemberAddresses() {
    }

    /**
     * @param source where the list came from, as errors name it: a variable or a builder method
     * @throws InvalidConfigException naming the source and {@code network.join.tcp-ip.member-list}
     */
    public static List<String> parse(String source, String list) {
        List<String> members = new ArrayList<>();
        for (String member : list.split(",", -1)) {
            String address = member.strip();
            int colon = address.lastIndexOf(':');
            String port = colon < 0 ? null : address.substring(colon + 1);
            boolean portOk = port == null || PORT.matcher(port).matches()
                    && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65_535;
            if (address.isEmpty() || colon == 0 || !portOk) {
                throw new InvalidConfigException(source, "network.join.tcp-ip.member-list", "'" + address
                        + "' in '" + list + "' is no member address; write host or host:port, comma separated");
            }
            members.add(address);
        }
        return members;
    }
}
