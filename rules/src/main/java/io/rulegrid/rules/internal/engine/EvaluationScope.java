package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state of one evaluation as the rules see it: the working copy of the fact (rules change it in
 * place), the read-only input and aggregates, {@code now}, the budget, the loop variables of the running
 * action, and what {@code emit}, {@code retract} and {@code halt} did. Confined to the evaluating thread.
 */
public final class EvaluationScope {

    private static final Object[] NO_LOCALS = new Object[0];

    private final Map<String, Object> fact;
    private final Map<String, Object> input;
    private final Map<String, Object> aggregates;
    private final Long now;
    private final Meter meter;
    private final List<Output> outputs = new ArrayList<>(4);
    private Object[] locals = NO_LOCALS;
    private boolean retracted;
    private boolean halted;
    /** The rule whose actions run, so that what they emit names it. */
    private String firingRule;

    public EvaluationScope(Map<String, Object> fact, Map<String, Object> input, Map<String, Object> aggregates,
                           long now, Meter meter) {
        this.fact = fact;
        this.input = input;
        this.aggregates = aggregates;
        this.now = now;
        this.meter = meter;
    }

    /** The working fact; assignments by rules go here. */
    public Map<String, Object> fact() {
        return fact;
    }

    /** The call's parameters, deeply read-only. */
    public Map<String, Object> input() {
        return input;
    }

    /** The aggregates the caller supplied, {@code agg} in the rules: deeply read-only. */
    public Map<String, Object> aggregates() {
        return aggregates;
    }

    /** Evaluation time, epoch milliseconds. */
    public Long now() {
        return now;
    }

    /** The budget every loop, call and allocation of the rules draws on. */
    public Meter meter() {
        return meter;
    }

    /** The loop variables of the running action, at least {@code count} of them. */
    public Object[] locals(int count) {
        if (locals.length < count) {
            locals = new Object[count];
        }
        return locals;
    }

    /** The loop variables as last sized by {@link #locals(int)}. */
    public Object[] locals() {
        return locals;
    }

    /**
     * Records an output. The value must already be a copy that shares nothing with the fact.
     *
     * @throws IllegalStateException past the ruleset's output limit
     */
    public void emit(String type, Object value) {
        if (outputs.size() >= meter.limits().maxOutputs()) {
            throw new IllegalStateException("more than max-outputs " + meter.limits().maxOutputs()
                    + " outputs in one evaluation");
        }
        outputs.add(new Output(firingRule, type, value));
    }

    /** The rule whose actions run from now on. */
    void firing(String rule) {
        firingRule = rule;
    }

    /** Deletes the fact and ends the evaluation after the current action. */
    public void retract() {
        retracted = true;
    }

    /** Ends the evaluation after the current action, keeping its changes. */
    public void halt() {
        halted = true;
    }

    /** Whether retract() or halt() was called: the rest of the action does not run. */
    public boolean stopped() {
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
