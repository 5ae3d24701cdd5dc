package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.rulegrid.grid.FactNotFoundException;
import io.rulegrid.grid.RuleSetNotFoundException;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.Output;
import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.api.RuleGridException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation on a member returns to the caller: the result, or the failure with its kind, and
 * the member that ran it. The result carries the new fact only when the caller asked for it. Failures travel as data, not as exceptions, so that a bulk call reports each
 * key's failure without losing the others' results, and the client rebuilds the typed exception.
 */
public final class EvaluationOutcome implements IdentifiedDataSerializable {

    /**
     * How an evaluation failed. Each has a code that travels on the wire and never changes meaning, so members
     * and clients of different builds agree whatever the order of the constants; a code this build does not
     * know reads as {@link #UNKNOWN}.
     */
    public enum Failure {
        NONE(0), EVALUATION(1), NO_RULESET(2), NO_FACT(3), MALFORMED_FACT(4), UNKNOWN(-1);

        private final int wireCode;

        Failure(int wireCode) {
            this.wireCode = wireCode;
        }

        /** The failure's name as a stable code for callers ({@code "EVALUATION"}, …). */
        public String code() {
            return name();
        }

        static Failure ofWireCode(int code) {
            for (Failure failure : values()) {
                if (failure.wireCode == code) {
                    return failure;
                }
            }
            return UNKNOWN;
        }
    }

    private String namespace;
    private String key;
    private String ruleset;
    private int version;
    private String member;
    private Failure failure = Failure.NONE;
    private String failedRule;
    private String message;
    private String[] fired;
    private String[] modified;
    private String outputsJson;
    private String factJson;
    private boolean retracted;
    private boolean halted;
    private long elapsedNanos;

    EvaluationOutcome() {
    }

    /**
     * Outputs as they travel and as the pipelines write them: {@code {rule, type, value}} objects, in the order the
     * rules emitted them.
     */
    public static List<Map<String, Object>> outputFields(List<Output> outputs) {
        List<Map<String, Object>> fields = new ArrayList<>(outputs.size());
        for (Output output : outputs) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rule", output.rule());
            json.put("type", output.type());
            json.put("value", output.value());
            fields.add(json);
        }
        return fields;
    }

    /** The outputs as JSON: an array of {@link #outputFields} objects. */
    public String outputsJson() {
        return outputsJson;
    }

    /**
     * @param factJson the new fact as JSON, already written (or as stored, when unchanged); {@code null} when
     *                 retracted or when the caller did not ask for it
     */
    public static EvaluationOutcome succeeded(String namespace, String key, int version, String member, EvaluationResult r,
                                       String factJson) {
        EvaluationOutcome o = base(namespace, key, r.ruleset(), version, member);
        o.fired = r.fired().toArray(String[]::new);
        o.modified = r.modified().toArray(String[]::new);
        o.outputsJson = Facts.toJson(outputFields(r.outputs()));
        o.factJson = factJson;
        o.retracted = r.retracted();
        o.halted = r.halted();
        o.elapsedNanos = r.elapsedNanos();
        return o;
    }

    public static EvaluationOutcome failed(String namespace, String key, String ruleset, String member, Failure failure,
                                    String rule, String message) {
        EvaluationOutcome o = base(namespace, key, ruleset, 0, member);
        o.failure = failure;
        o.failedRule = rule;
        o.message = message;
        return o;
    }

    private static EvaluationOutcome base(String namespace, String key, String ruleset, int version, String member) {
        EvaluationOutcome o = new EvaluationOutcome();
        o.namespace = namespace;
        o.key = key;
        o.ruleset = ruleset;
        o.version = version;
        o.member = member;
        return o;
    }

    /** This outcome without the new fact, for a caller that did not ask for it. */
    public EvaluationOutcome withoutFact() {
        if (factJson == null) {
            return this;
        }
        EvaluationOutcome lean = base(namespace, key, ruleset, version, member);
        lean.failure = failure;
        lean.failedRule = failedRule;
        lean.message = message;
        lean.fired = fired;
        lean.modified = modified;
        lean.outputsJson = outputsJson;
        lean.retracted = retracted;
        lean.halted = halted;
        lean.elapsedNanos = elapsedNanos;
        return lean;
    }

    public String namespace() {
        return namespace;
    }

    public String key() {
        return key;
    }

    public String ruleset() {
        return ruleset;
    }

    /** The ruleset version that ran; 0 when the evaluation failed before one was chosen. */
    public int version() {
        return version;
    }

    /** The address of the member that ran the evaluation. */
    public String member() {
        return member;
    }

    /** Rule firings of a successful evaluation. */
    public int firedCount() {
        return fired == null ? 0 : fired.length;
    }

    /** Fields a successful evaluation modified. */
    public int modifiedCount() {
        return modified == null ? 0 : modified.length;
    }

    /** Whether a successful evaluation retracted the fact. */
    public boolean retractedFact() {
        return retracted;
    }

    public Failure failure() {
        return failure;
    }

    public boolean succeeded() {
        return failure == Failure.NONE;
    }

    /** The typed error of a failed evaluation, naming ruleset, rule, key, namespace, version and member. */
    public RuleGridException error() {
        RuleGridException error = switch (failure) {
            case NONE -> throw new IllegalStateException("evaluation of key \"" + key + "\" succeeded");
            case EVALUATION -> new RuleEvaluationException(ruleset, failedRule, key, message, null);
            case NO_RULESET -> new RuleSetNotFoundException(ruleset, version);
            case NO_FACT -> new FactNotFoundException(namespace, ruleset, key);
            case MALFORMED_FACT -> new MalformedFactException("fact \"" + key + "\" in namespace \"" + namespace
                    + "\": " + message, null);
            case UNKNOWN -> new RuleGridException("evaluation of key \"" + key + "\" in namespace \"" + namespace
                    + "\" on member " + member + " failed in a way this build does not know: " + message, ruleset,
                    failedRule, key, null);
        };
        return error.locatedAt(namespace, version, member);
    }

    /**
     * The evaluation's result.
     *
     * @throws RuleGridException the typed error if the evaluation failed
     */
    public EvaluationResult result() {
        if (!succeeded()) {
            throw error();
        }
        List<Output> outputs = new ArrayList<>();
        for (Object o : (List<?>) Facts.parseValue(outputsJson)) {
            Map<?, ?> output = (Map<?, ?>) o;
            // members of earlier builds wrote no rule
            outputs.add(new Output((String) output.get("rule"), (String) output.get("type"), output.get("value")));
        }
        // a success that kept its fact always has one, so no fact means retracted or not asked for: the layout
        // of the reply needs no flag of its own
        boolean factReturned = factJson != null || retracted;
        return new EvaluationResult(ruleset, List.of(fired), List.of(modified), List.copyOf(outputs),
                factJson == null ? null : Facts.parse(factJson), retracted, halted, elapsedNanos, factReturned);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(namespace);
        out.writeString(key);
        out.writeString(ruleset);
        out.writeInt(version);
        out.writeString(member);
        out.writeByte(failure.wireCode);
        if (failure != Failure.NONE) {
            out.writeString(failedRule);
            out.writeString(message);
            return;
        }
        out.writeStringArray(fired);
        out.writeStringArray(modified);
        out.writeString(outputsJson);
        out.writeString(factJson);
        out.writeBoolean(retracted);
        out.writeBoolean(halted);
        out.writeLong(elapsedNanos);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        namespace = in.readString();
        key = in.readString();
        ruleset = in.readString();
        version = in.readInt();
        member = in.readString();
        failure = Failure.ofWireCode(in.readByte());
        if (failure != Failure.NONE) {
            failedRule = in.readString();
            message = in.readString();
            return;
        }
        fired = in.readStringArray();
        modified = in.readStringArray();
        outputsJson = in.readString();
        factJson = in.readString();
        retracted = in.readBoolean();
        halted = in.readBoolean();
        elapsedNanos = in.readLong();
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.EVALUATION_OUTCOME;
    }
}
