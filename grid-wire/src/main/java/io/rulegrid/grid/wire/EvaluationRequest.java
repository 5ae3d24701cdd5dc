package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.rulegrid.grid.GridNames;

import java.io.IOException;
import java.util.Objects;

/**
 * What to evaluate: a ruleset (version) over facts of a namespace, with the call's input. Part of wire types.
 *
 * @param namespace the fact namespace
 * @param ruleset   the ruleset to evaluate
 * @param version   a version, or 0 for the active one
 * @param inputJson the call's parameters as a JSON object, or {@code null}
 */
public record EvaluationRequest(String namespace, String ruleset, int version, String inputJson) {

    public EvaluationRequest {
        GridNames.checkNamespace(namespace);
        Objects.requireNonNull(ruleset, "ruleset");
        if (version < 0) {
            throw new IllegalArgumentException("ruleset version is " + version + " but must be >= 0 (0 = active)");
        }
    }

    /** Writes the request's bytes, as every wire type carrying a request does. */
    public void write(ObjectDataOutput out) throws IOException {
        out.writeString(namespace);
        out.writeString(ruleset);
        out.writeInt(version);
        out.writeString(inputJson);
    }

    /** Reads a request written by {@link #write}. */
    public static EvaluationRequest read(ObjectDataInput in) throws IOException {
        return new EvaluationRequest(in.readString(), in.readString(), in.readInt(), in.readString());
    }
}
