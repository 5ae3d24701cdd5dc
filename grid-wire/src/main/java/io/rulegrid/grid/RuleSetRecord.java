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
 * @param events   every change, oldest first: one per revision (records of builds before events have none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSetRecord(int format, String name, long revision, int active, List<Version> versions,
                            List<Event> events) {

    /** The current record format. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public RuleSetRecord {
        versions = List.copyOf(versions);
        events = events == null ? List.of() : List.copyOf(events);
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

    /**
     * One change of the record, as {@code rulegrid rulesets history} shows it.
     *
     * @param type    {@link #DEPLOY}, {@link #ACTIVATE}, or {@link #ROLLBACK} (an activation of an older version)
     * @param version the version deployed or activated
     * @param at      epoch millis
     * @param by      who made the change: the member that ran it, as its address; {@code null} if not known
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String type, int version, long at, String by) {
        public static final String DEPLOY = "DEPLOY";
        public static final String ACTIVATE = "ACTIVATE";
        public static final String ROLLBACK = "ROLLBACK";
    }

    /** A record with one more version, which becomes the active one, deployed by someone not named. */
    public static RuleSetRecord appended(RuleSetRecord existing, String name, String sourceName, String source,
                                         long now) {
        return appended(existing, name, sourceName, source, now, null);
    }

    /** A record with one more version, which becomes the active one, deployed by {@code by}. */
    public static RuleSetRecord appended(RuleSetRecord existing, String name, String sourceName, String source,
                                         long now, String by) {
        List<Version> versions = new ArrayList<>(existing == null ? List.of() : existing.versions());
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        versions.add(new Version(next, sourceName, source, checksum(source), now));
        List<Event> events = new ArrayList<>(existing == null ? List.of() : existing.events());
        events.add(new Event(Event.DEPLOY, next, now, by));
        return new RuleSetRecord(FORMAT, name, existing == null ? 1 : existing.revision() + 1, next, versions, events);
    }

    /** This record with another active version, activated now by someone not named. */
    public RuleSetRecord withActive(int version) {
        return withActive(version, System.currentTimeMillis(), null);
    }

    /** This record with another active version, activated by {@code by}: a rollback if it is older than the active one. */
    public RuleSetRecord withActive(int version, long now, String by) {
        List<Event> changed = new ArrayList<>(events);
        changed.add(new Event(version < active ? Event.ROLLBACK : Event.ACTIVATE, version, now, by));
        return new RuleSetRecord(FORMAT, name, revision + 1, version, versions, changed);
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
