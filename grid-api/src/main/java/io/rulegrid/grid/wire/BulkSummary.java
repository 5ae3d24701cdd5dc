package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a bulk evaluation did. */
public final class BulkSummary implements IdentifiedDataSerializable {

    /** How many failure messages a summary keeps, so that a broken ruleset does not flood the caller. */
    public static final int MAX_ERROR_SAMPLES = 10;

    private long evaluated;
    private long firings;
    private long modified;
    private long retracted;
    private long errors;
    private List<String> errorSamples = new ArrayList<>();

    public BulkSummary() {
    }

    /** Counts one evaluation's outcome. */
    public void add(EvaluationOutcome outcome) {
        if (!outcome.succeeded()) {
            addFailure(outcome.error().getMessage());
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

    /** Counts an evaluation that failed, or whose call failed, with what went wrong. */
    public void addFailure(String message) {
        evaluated++;
        errors++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            errorSamples.add(message);
        }
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        evaluated = in.readLong();
        firings = in.readLong();
        modified = in.readLong();
        retracted = in.readLong();
        errors = in.readLong();
        errorSamples = new ArrayList<>(List.of(in.readStringArray()));
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
