package io.rulegrid.grid.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The outcomes of one {@link EvaluateKeysTask}, one per key. */
public final class EvaluationOutcomes implements IdentifiedDataSerializable {

    private List<EvaluationOutcome> outcomes;

    EvaluationOutcomes() {
    }

    public EvaluationOutcomes(List<EvaluationOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    public List<EvaluationOutcome> outcomes() {
        return outcomes;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(outcomes.size());
        for (EvaluationOutcome outcome : outcomes) {
            outcome.writeData(out);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        List<EvaluationOutcome> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EvaluationOutcome outcome = new EvaluationOutcome();
            outcome.readData(in);
            read.add(outcome);
        }
        outcomes = List.copyOf(read);
    }

    @Override
    public int getFactoryId() {
        return WireTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return WireTypes.EVALUATION_OUTCOMES;
    }
}
