package io.rulegrid.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hazelcast.core.HazelcastJsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Everything the registry keeps about one ruleset: every version ever deployed and which one is active.
 * Stored as JSON in {@link GridNames#RULESETS_MAP} so that it is readable in Management Center and by
 * members of other builds; {@code format} versions the record itself, and readers ignore fields they do
 * not know.
 *
 * @param format   record format, {@link #FORMAT}
 * @param name     the ruleset's name
 * @param revision counts every change of the record, so a member never replaces a newer record by an older one
 * @param active   the active version
 * @param versions every version, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSetRecord(int format, String name, long revision, int active, List<Version> versions) {

    /** The current record format. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public RuleSetRecord {
        versions = List.copyOf(versions);
    }

    /**
     * One deployed version.
     *
     * @param version    version number, from 1
     * @param sourceName the rule file's name
     * @param source     the rule file's text
     * @param checksum   SHA-256 of the text, hex
     * @param deployedAt epoch millis
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Version(int version, String sourceName, String source, String checksum, long deployedAt) {
    }

    /** A record with one more version, which becomes the active one. */
    public static RuleSetRecord appended(RuleSetRecord existing, String name, String sourceName, String source,
                                         long now) {
        List<Version> versions = new ArrayList<>(existing == null ? List.of() : existing.versions());
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        versions.add(new Version(next, sourceName, source, checksum(source), now));
        return new RuleSetRecord(FORMAT, name, existing == null ? 1 : existing.revision() + 1, next, versions);
    }

    /** This record with another active version. */
    public RuleSetRecord withActive(int version) {
        return new RuleSetRecord(FORMAT, name, revision + 1, version, versions);
    }

    /** The given version, or the active one for 0. */
    public Optional<Version> version(int number) {
        int wanted = number == 0 ? active : number;
        return versions.stream().filter(v -> v.version() == wanted).findFirst();
    }

    public HazelcastJsonValue toJson() {
        try {
            return new HazelcastJsonValue(JSON.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ruleset record of \"" + name + "\" cannot be written", e);
        }
    }

    /** Reads a stored record; {@code null} for {@code null}. */
    public static RuleSetRecord fromJson(HazelcastJsonValue json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json.getValue(), RuleSetRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ruleset record is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** SHA-256 of a rule file's text, hex. */
    public static String checksum(String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
