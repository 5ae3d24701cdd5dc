package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.DeploymentIncompleteException;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.api.CompileError;
import io.rulegrid.api.RuleCompilationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a deploy or an activation: the ruleset and its now active version, or why not (compile
 * errors, a version that does not exist, or members that do not have it in effect, each with the reason).
 */
public final class DeployOutcome implements IdentifiedDataSerializable {

    private String name;
    private int version;
    private int missingVersion;
    private List<CompileError> errors = List.of();
    private List<String> memberProblems = List.of();

    DeployOutcome() {
    }

    public static DeployOutcome deployed(String name, int version) {
        DeployOutcome outcome = new DeployOutcome();
        outcome.name = name;
        outcome.version = version;
        return outcome;
    }

    public static DeployOutcome notFound(String name, int version) {
        DeployOutcome outcome = deployed(name, 0);
        outcome.missingVersion = version;
        return outcome;
    }

    public static DeployOutcome refused(String name, List<CompileError> errors) {
        DeployOutcome outcome = deployed(name, 0);
        outcome.errors = List.copyOf(errors);
        return outcome;
    }

    /** This outcome, noting the members that do not have the version in effect and why. */
    public DeployOutcome withMemberProblems(List<String> problems) {
        DeployOutcome outcome = deployed(name, version);
        outcome.missingVersion = missingVersion;
        outcome.errors = errors;
        outcome.memberProblems = List.copyOf(problems);
        return outcome;
    }

    public String name() {
        return name;
    }

    /**
     * The active version.
     *
     * @throws RuleCompilationException if the member refused the ruleset
     * @throws RuleSetNotFoundException if the version to activate does not exist
     * @throws DeploymentIncompleteException if the version is stored but some member does not have it in effect
     */
    public int version() {
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(name, errors);
        }
        if (missingVersion != 0) {
            throw new RuleSetNotFoundException(name, missingVersion);
        }
        if (!memberProblems.isEmpty()) {
            throw new DeploymentIncompleteException(name, version, memberProblems);
        }
        return version;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(name);
        out.writeInt(version);
        out.writeInt(missingVersion);
        out.writeInt(errors.size());
        for (CompileError e : errors) {
            out.writeString(e.file());
            out.writeInt(e.line());
            out.writeInt(e.column());
            out.writeString(e.rule());
            out.writeString(e.message());
        }
        out.writeInt(memberProblems.size());
        for (String problem : memberProblems) {
            out.writeString(problem);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        name = in.readString();
        version = in.readInt();
        missingVersion = in.readInt();
        int count = in.readInt();
        List<CompileError> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            read.add(new CompileError(in.readString(), in.readInt(), in.readInt(), in.readString(), in.readString()));
        }
        errors = List.copyOf(read);
        int problems = in.readInt();
        List<String> readProblems = new ArrayList<>(problems);
        for (int i = 0; i < problems; i++) {
            readProblems.add(in.readString());
        }
        memberProblems = List.copyOf(readProblems);
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.DEPLOY_OUTCOME;
    }
}
