package io.rulegrid.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import io.rulegrid.grid.GridNames;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.grid.RuleSetRecord;
import io.rulegrid.grid.wire.DeployOutcome;
import io.rulegrid.grid.wire.RegistryStatusTask;
import io.rulegrid.grid.wire.RegistryTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ruleset registry: deploy, list, history, activate. Rulesets are data; a change is in effect on
 * every member when the call returns, with no restart, or the call fails naming the members that do not
 * have it in effect ({@link io.rulegrid.grid.DeploymentIncompleteException}).
 */
public final class RuleSets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HazelcastInstance client;

    RuleSets(HazelcastInstance client) {
        this.client = client;
    }

    /**
     * Deploys a rule file as the new active version of its ruleset. A member compiles it first; a file that
     * does not compile is refused and the active version stays.
     *
     * @throws io.rulegrid.api.RuleCompilationException with every error of the file (file:line:col, rule)
     * @throws UncheckedIOException if the file cannot be read
     */
    public Deployment deploy(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
        }
        return deploy(file.getFileName().toString(), text);
    }

    /** As {@link #deploy(Path)}, for rule text; {@code sourceName} picks the format and names errors. */
    public Deployment deploy(String sourceName, String text) {
        return registryChange(RegistryTask.deploy(sourceName, text), "deploy " + sourceName);
    }

    /**
     * Makes an earlier (or later) version the active one: a rollback.
     *
     * @throws RuleSetNotFoundException if there is no such ruleset or version
     */
    public Deployment activate(String name, int version) {
        return registryChange(RegistryTask.activate(name, version), "activate " + name + " v" + version);
    }

    private Deployment registryChange(RegistryTask task, String what) {
        DeployOutcome outcome = Calls.await(client.getExecutorService(GridNames.EXECUTOR).submit(task), what);
        return new Deployment(outcome.name(), outcome.version());
    }

    /**
     * The active version of every deployed ruleset, by name, with the members that do not have it in effect
     * (they cannot compile it and keep their previous version) and why.
     */
    public List<RuleSetVersionInfo> list() {
        Map<String, List<String>> problems = memberProblems();
        List<RuleSetVersionInfo> active = new ArrayList<>();
        for (HazelcastJsonValue json : client.<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP).values()) {
            RuleSetRecord record = RuleSetRecord.fromJson(json);
            record.version(0).ifPresent(v -> active.add(info(record, v, problems.getOrDefault(record.name(), List.of()))));
        }
        active.sort(Comparator.comparing(RuleSetVersionInfo::name));
        return active;
    }

    /** Per ruleset, one line per member that does not have its recorded active version in effect. */
    private Map<String, List<String>> memberProblems() {
        Map<String, List<String>> problems = new TreeMap<>();
        client.getExecutorService(GridNames.EXECUTOR).submitToAllMembers(new RegistryStatusTask())
                .forEach((member, answer) -> {
                    String json = Calls.await(answer, "read the registry status of member " + member.getAddress());
                    try {
                        Map<String, String> byRuleset = JSON.readValue(json, new TypeReference<Map<String, String>>() { });
                        byRuleset.forEach((ruleset, why) -> problems.computeIfAbsent(ruleset, r -> new ArrayList<>())
                                .add("member " + member.getAddress() + ": " + why));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("member " + member.getAddress()
                                + " answered an unreadable registry status: " + e.getOriginalMessage(), e);
                    }
                });
        return problems;
    }

    /**
     * Every version of a ruleset, oldest first.
     *
     * @throws RuleSetNotFoundException if the ruleset was never deployed
     */
    public List<RuleSetVersionInfo> history(String name) {
        RuleSetRecord record = record(name);
        return record.versions().stream().map(v -> info(record, v, List.of())).toList();
    }

    /**
     * Every deploy, activation and rollback of a ruleset, oldest first; kept with the ruleset (in PostgreSQL when
     * the cluster persists), so it survives a full cluster restart.
     *
     * @throws RuleSetNotFoundException if the ruleset was never deployed
     */
    public List<RuleSetEvent> events(String name) {
        return record(name).events().stream()
                .map(e -> new RuleSetEvent(e.type(), e.version(), Instant.ofEpochMilli(e.at()), e.by())).toList();
    }

    private RuleSetRecord record(String name) {
        RuleSetRecord record = RuleSetRecord.fromJson(
                client.<String, HazelcastJsonValue>getMap(GridNames.RULESETS_MAP).get(name));
        if (record == null) {
            throw new RuleSetNotFoundException(name, 0);
        }
        return record;
    }

    private static RuleSetVersionInfo info(RuleSetRecord record, RuleSetRecord.Version v, List<String> problems) {
        return new RuleSetVersionInfo(record.name(), v.version(), v.version() == record.active(), v.sourceName(),
                v.checksum(), Instant.ofEpochMilli(v.deployedAt()), v.source(), problems);
    }
}
