package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.api.JsonObject;
import io.rulegrid.api.MalformedFactException;
import io.rulegrid.api.RuleEvaluationException;
import io.rulegrid.rules.Ticker;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation of a ruleset over one fact: the agenda of DESIGN.md, points 1–6.
 *
 * <p>The agenda is a bit set indexed by rank (salience, then declaration order), so the next activation
 * to fire is its lowest set bit. After each action, only the rules whose condition reads a field the
 * action changed are re-evaluated (property reactivity); all others keep their state, and a fired rule
 * stays off the agenda until a change it reads re-activates it (refraction). Rules work on a deep copy
 * of the fact, so an evaluation that fails leaves the caller's fact untouched.
 */
final class Evaluation {

    private final CompiledRuleSet ruleSet;
    private final CompiledRule[] rules;
    private final Ticker ticker;
    private final long startNanos;
    private final Meter meter;
    private final Map<String, Object> initial;
    private final Map<String, Object> working;
    private final EvaluationScope scope;
    private final BitSet agenda;
    /** The rules the index says can match the fact as it is now. */
    private BitSet candidates;
    private final boolean[] closedGroups;
    /** Remembered values of shared condition parts by slot: 0 unknown, 1 true, 2 false. */
    private final byte[] memory;
    private final List<String> fired = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();

    Evaluation(CompiledRuleSet ruleSet, Map<String, Object> fact, Map<String, Object> input,
               Map<String, Object> aggregates, Ticker ticker) {
        this.ruleSet = ruleSet;
        this.rules = ruleSet.rules();
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.meter = new Meter(ticker, ruleSet.limits(), startNanos);
        this.initial = normalized(fact, "fact");
        this.working = normalized(initial, "fact");
        Map<String, Object> readOnlyInput = input.isEmpty() ? ReadOnlyJson.EMPTY
                : ReadOnlyJson.object(normalized(input, "input"));
        Map<String, Object> readOnlyAggregates = aggregates.isEmpty() ? ReadOnlyJson.EMPTY
                : ReadOnlyJson.object(normalized(aggregates, "aggregates"));
        this.scope = new EvaluationScope(working, readOnlyInput, readOnlyAggregates, ticker.wallMillis(), meter);
        this.agenda = new BitSet(rules.length);
        this.closedGroups = new boolean[ruleSet.groupCount()];
        this.memory = new byte[ruleSet.sharedParts().count()];
    }

    EvaluationResult run() {
        // candidates are evaluated in rank order, as without an index, so the same rule's error is reported
        BitSet verified = new BitSet(rules.length);
        candidates = new BitSet(rules.length);
        ruleSet.index().forEachCandidate(working, (rank, checked) -> {
            candidates.set(rank);
            if (checked) {
                verified.set(rank);
            }
        });
        for (int rank = candidates.nextSetBit(0); rank >= 0; rank = candidates.nextSetBit(rank + 1)) {
            evaluateCondition(rank, 0, verified.get(rank) ? ruleSet.index().filedParts(rank) : 0);
        }
        int firings = 0;
        for (int rank = agenda.nextSetBit(0); rank >= 0; rank = agenda.nextSetBit(0)) {
            CompiledRule rule = rules[rank];
            checkLimits(rule, ++firings);
            agenda.clear(rank);
            Set<String> changed = fire(rule, firings);
            if (scope.stopped()) {
                break;
            }
            reevaluate(rule, changed, firings);
        }
        try {
            return result();
        } catch (BudgetExceededException e) {
            throw new RuleEvaluationException(ruleSet.name(), null, null, e.getMessage() + " after " + firings
                    + " firings", null);
        }
    }

    private Set<String> fire(CompiledRule rule, int firings) {
        boolean changesNothing = rule.changes().isEmpty();
        Map<String, Object> before = changesNothing ? null : metered(rule, firings, () -> snapshot(rule));
        scope.firing(rule.name());
        for (Expression action : rule.actions()) {
            run(rule, action, "action", firings);
            if (scope.stopped()) {
                break;
            }
        }
        fired.add(rule.name());
        if (rule.group() >= 0) {
            closeGroup(rule.group());
        }
        // remembered tests over anything the action wrote are forgotten, even where the new value compares
        // equal: a test may read what equality ignores (a number's type, a field order)
        if (rule.changesAnyField()) {
            ruleSet.sharedParts().forgetAll(memory);
        } else {
            rule.changes().forEach(field -> ruleSet.sharedParts().forget(memory, field));
        }
        return changesNothing ? Set.of() : metered(rule, firings, () -> changedFields(rule, before));
    }

    /** Work of the engine on the rule's behalf (copies, comparisons), charged to the same budget. */
    private <T> T metered(CompiledRule rule, int firings, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (BudgetExceededException e) {
            throw failure(rule, e.getMessage() + " after " + firings + " firings", null);
        }
    }

    /** Copies of the fields the rule's actions may change: all of them only when that is not known. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> snapshot(CompiledRule rule) {
        if (rule.changesAnyField()) {
            return (Map<String, Object>) MeteredJson.copy(working, meter);
        }
        Map<String, Object> before = new JsonObject(rule.changes().size());
        for (String field : rule.changes()) {
            if (working.containsKey(field)) {
                before.put(field, MeteredJson.copy(working.get(field), meter));
            }
        }
        return before;
    }

    /**
     * The fields the firing changed, in the fact's order (new fields in the order they were added): compared
     * with the snapshot as JSON text would be.
     */
    private Set<String> changedFields(CompiledRule rule, Map<String, Object> before) {
        Set<String> changed = new LinkedHashSet<>();
        for (String field : working.keySet()) {
            if ((rule.changesAnyField() || rule.changes().contains(field))
                    && !(before.containsKey(field) && MeteredJson.identical(before.get(field), working.get(field), meter))) {
                changed.add(field);
            }
        }
        for (String field : before.keySet()) {
            if (!working.containsKey(field)) {
                changed.add(field);
            }
        }
        touched.addAll(changed);
        return changed;
    }

    private void reevaluate(CompiledRule firedRule, Set<String> changed, int firings) {
        if (changed.isEmpty()) {
            return;
        }

        BitSet affected = new BitSet(rules.length);
        for (String field : changed) {
            affected.or(ruleSet.readersOf(field));
        }
        affected.or(ruleSet.wholeFactReaders());
        if (firedRule.definition().noLoop()) {
            affected.clear(firedRule.rank());
        }
        if (!java.util.Collections.disjoint(changed, ruleSet.index().fields())) {
            candidates = candidates();
            // a rule that is no candidate any more has a false test in its condition: off the agenda
            agenda.and(candidates);
        }
        affected.and(candidates);
        for (int rank = affected.nextSetBit(0); rank >= 0; rank = affected.nextSetBit(rank + 1)) {
            meter.charge(1);
            evaluateCondition(rank, firings, 0);
        }
    }

    private BitSet candidates() {
        BitSet ranks = new BitSet(rules.length);
        ruleSet.index().forEachCandidate(working, (rank, verified) -> ranks.set(rank));
        return ranks;
    }

    /** Evaluates a rule's condition, skipping the parts in {@code known} (a bit mask) that are known to hold. */
    private void evaluateCondition(int rank, int firings, long known) {
        CompiledRule rule = rules[rank];
        if (!rule.definition().enabled() || rule.group() >= 0 && closedGroups[rule.group()]) {
            return;
        }
        if (holds(rule, firings, known)) {
            agenda.set(rank);
        } else if (agenda.get(rank)) {
            agenda.clear(rank);
        }
    }

    /** Whether all parts of the rule's condition hold, in order, remembering the shared ones. */
    private boolean holds(CompiledRule rule, int firings, long known) {
        List<ConditionPart> parts = rule.parts();
        int[] slots = rule.slots();
        for (int i = 0; i < slots.length; i++) {
            if (i < Long.SIZE && (known & (1L << i)) != 0) {
                continue;
            }
            int slot = slots[i];
            boolean holds;
            if (slot >= 0 && memory[slot] != 0) {
                holds = memory[slot] == 1;
            } else {
                holds = (Boolean) run(rule, parts.get(i).expression(), "condition", firings);
                if (slot >= 0) {
                    memory[slot] = (byte) (holds ? 1 : 2);
                }
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private Object run(CompiledRule rule, Expression expression, String what, int firings) {
        try {
            return expression.run(scope);
        } catch (BudgetExceededException e) {
            throw failure(rule, e.getMessage() + " after " + firings + " firings", null);
        } catch (ExpressionFailedException e) {
            throw failure(rule, what + " failed " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw failure(rule, what + " failed: nested too deeply", null);
        } catch (RuntimeException e) {
            throw failure(rule, what + " failed: " + e, e);
        }
    }

    private void closeGroup(int group) {
        closedGroups[group] = true;
        for (int member : ruleSet.groupMembers(group)) {
            agenda.clear(member);
        }
    }

    private void checkLimits(CompiledRule next, int firings) {
        int limit = ruleSet.limits().firingLimit();
        if (firings > limit) {
            throw failure(next, "firing limit of " + limit + " firings reached (rules keep re-activating each other;"
                    + " is a no-loop or a stricter condition missing?)", null);
        }
        try {
            meter.checkTime();
        } catch (BudgetExceededException e) {
            throw failure(next, e.getMessage() + " after " + (firings - 1) + " firings", null);
        }
    }

    private EvaluationResult result() {
        List<String> modified = new ArrayList<>();
        for (String field : touched) {
            // as a firing's changes are: what differs in JSON text from the fact given
            if (initial.containsKey(field) != working.containsKey(field)
                    || !MeteredJson.identical(initial.get(field), working.get(field), meter)) {
                modified.add(field);
            }
        }
        Map<String, Object> fact = scope.retracted() ? null : working;
        return new EvaluationResult(ruleSet.name(), List.copyOf(fired), List.copyOf(modified),
                List.copyOf(scope.outputs()), fact, scope.retracted(), scope.halted(), ticker.nanoTime() - startNanos);
    }

    private RuleEvaluationException failure(CompiledRule rule, String message, Throwable cause) {
        return new RuleEvaluationException(ruleSet.name(), rule.name(), null, message, cause);
    }

    private Map<String, Object> normalized(Map<String, Object> value, String what) {
        if (value == null) {
            throw new RuleEvaluationException(ruleSet.name(), null, null, what + " must not be null", null);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = (Map<String, Object>) Facts.normalize(value);
            return copy;
        } catch (MalformedFactException e) {
            throw new RuleEvaluationException(ruleSet.name(), null, null, what + " is not JSON: " + e.getMessage(), e);
        }
    }
}
