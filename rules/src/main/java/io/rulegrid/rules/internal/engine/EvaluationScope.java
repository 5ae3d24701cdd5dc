package io.rulegrid.rules.internal.engine;

import io.rulegrid.rules.Facts;
import io.rulegrid.rules.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state of one evaluation as the rules see it: the working copy of the fact (rules change it in
 * place), the read-only input, {@code now}, and what {@code emit}, {@code retract} and {@code halt} did.
 * Confined to the evaluating thread.
 */
public final class EvaluationScope {

    private final Map<String, Object> fact;
    private final Map<String, Object> input;
    private final long now;
    private final List<Output> outputs = new ArrayList<>(4);
    private boolean retracted;
    private boolean halted;

    public EvaluationScope(Map<String, Object> fact, Map<String, Object> input, long now) {
        this.fact = fact;
        this.input = input;
        this.now = now;
    }

    /** The working fact; assignments by rules go here. */
    public Map<String, Object> fact() {
        return fact;
    }

    /** The call's parameters, deeply read-only. */
    public Map<String, Object> input() {
        return input;
    }

    /** Evaluation time, epoch milliseconds. */
    public long now() {
        return now;
    }

    /** Records an output; the value is copied now, so later changes to the fact do not alter it. */
    public void emit(String type, Object value) {
        if (type == null) {
            throw new IllegalArgumentException("emit needs a type but got null");
        }
        outputs.add(new Output(type, Facts.normalize(value)));
    }

    /** Deletes the fact and ends the evaluation after the current action. */
    public void retract() {
        retracted = true;
    }

    /** Ends the evaluation after the current action, keeping its changes. */
    public void halt() {
        halted = true;
    }

    boolean stopped() {
        return retracted || halted;
    }

    boolean retracted() {
        return retracted;
    }

    boolean halted() {
        return halted;
    }

    List<Output> outputs() {
        return outputs;
    }
}
