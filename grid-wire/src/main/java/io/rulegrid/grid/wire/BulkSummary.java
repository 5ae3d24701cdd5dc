package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bulk evaluation did. Failures keep their key and a code ({@code EVALUATION}, {@code NO_FACT}, … for
 * an evaluation that failed, {@code RETRIABLE} for a call whose outcome is unknown, {@code CALL_FAILED} for
 * another failed call), so that a caller can send the retriable ones again.
 */
public final class BulkSummary implements IdentifiedDataSerializable {

    /** How many failure messages a summary keeps, so that a broken ruleset does not flood the caller. */
    public static final int MAX_ERROR_SAMPLES = 10;
    /** How many failed keys a summary keeps, with their codes. */
    public static final int MAX_FAILURES = 10_000;
    /** The code of a call whose outcome is unknown (its member left, its backup could not be confirmed). */
    public static final String RETRIABLE = "RETRIABLE";
    /** The code of a call that failed for another reason. */
    public static final String CALL_FAILED = "CALL_FAILED";

    /**
     * One fact the bulk evaluation could not evaluate.
     *
     * @param key     the fact's key
     * @param code    {@link #RETRIABLE}, {@link #CALL_FAILED} or an evaluation failure's code
     * @param message what went wrong
     */
    public record Failure(String key, String code, String message) {
    }

    private long evaluated;
    private long firings;
    private long modified;
    private long retracted;
    private long errors;
    private List<String> errorSamples = new ArrayList<>();
    private List<Failure> failures = new ArrayList<>();

    public BulkSummary() {
    }

    /** Counts one evaluation's outcome. */
    public void add(EvaluationOutcome outcome) {
        if (!outcome.succeeded()) {
            addFailure(outcome.key(), outcome.failure().code(), outcome.error().getMessage());
            return;
        }
        evaluated++;
        firings += outcome.firedCount();
        if (outcome.retractedFact()) {
            retracted++;
        } else if (outcome.modifiedCount() > 0) {
            modified++;
        }
    }

    /** Counts an evaluation that failed, or whose call failed: its key, its code and what went wrong. */
    public void addFailure(String key, String code, String message) {
        evaluated++;
        errors++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add("key \"" + key + "\" (" + code + "): " + message);
        }
        if (failures.size() < MAX_FAILURES) {
            failures.add(new Failure(key, code, message));
        }
    }

    /** The failed facts with their codes, the first {@value #MAX_FAILURES} of them. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Adds another summary to this one. */
    public BulkSummary merge(BulkSummary other) {
        evaluated += other.evaluated;
        firings += other.firings;
        modified += other.modified;
        retracted += other.retracted;
        errors += other.errors;
        for (String sample : other.errorSamples) {
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                errorSamples.add(sample);
            }
        }
        for (Failure failure : other.failures) {
            if (failures.size() < MAX_FAILURES) {
                failures.add(failure);
            }
        }
        return this;
    }

    /** Facts evaluated. */
    public long evaluated() {
        return evaluated;
    }

    /** Rule firings, over all facts. */
    public long firings() {
        return firings;
    }

    /** Facts the rules changed and that were written back. */
    public long modified() {
        return modified;
    }

    /** Facts the rules retracted. */
    public long retracted() {
        return retracted;
    }

    /** Evaluations that failed (and changed nothing). */
    public long errors() {
        return errors;
    }

    /** The first failure messages, at most {@link #MAX_ERROR_SAMPLES}. */
    public List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(evaluated);
        out.writeLong(firings);
        out.writeLong(modified);
        out.writeLong(retracted);
        out.writeLong(errors);
        out.writeStringArray(errorSamples.toArray(String[]::new));
        out.writeInt(failures.size());
        for (Failure failure : failures) {
            out.writeString(failure.key());
            out.writeString(failure.code());
            out.writeString(failure.message());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        evaluated = in.readLong();
        firings = in.readLong();
        modified = in.readLong();
        retracted = in.readLong();
        errors = in.readLong();
        errorSamples = new ArrayList<>(List.of(in.readStringArray()));
        int count = in.readInt();
        failures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(in.readString(), in.readString(), in.readString()));
        }
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.BULK_SUMMARY;
    }

    @Override
    public String toString() {
        return "evaluated=" + evaluated + " fired=" + firings + " modified=" + modified + " retracted=" + retracted
                + " errors=" + errors;
    }
}
