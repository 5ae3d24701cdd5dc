package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.rules.Limits;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.Ticker;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;

/** An immutable compiled ruleset; all evaluation state lives in an {@link Evaluation}. */
final class CompiledRuleSet implements RuleSet {

    private static final BitSet NONE = new BitSet();

    private final RuleSetDefinition definition;
    private final Limits limits;
    private final CompiledRule[] rules;
    private final RuleIndex index;
    private final Map<String, BitSet> readers;
    private final BitSet wholeFactReaders;
    private final int[][] groupMembers;
    private final Map<String, CompiledRule> byName;
    private final SharedParts sharedParts;

    CompiledRuleSet(RuleSetDefinition definition, Limits limits, CompiledRule[] rules, Map<String, BitSet> readers,
                    BitSet wholeFactReaders, int[][] groupMembers, Map<String, CompiledRule> byName,
                    SharedParts sharedParts) {
        this.definition = definition;
        this.limits = limits;
        this.rules = rules;
        this.index = RuleIndex.of(rules);
        this.readers = readers;
        this.wholeFactReaders = wholeFactReaders;
        this.groupMembers = groupMembers;
        this.byName = byName;
        this.sharedParts = sharedParts;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public RuleSetDefinition definition() {
        return definition;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public RuleSet withLimits(Limits newLimits) {
        if (newLimits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
        return new CompiledRuleSet(definition, newLimits, rules, readers, wholeFactReaders, groupMembers, byName,
                sharedParts);
    }

    @Override
    public Set<String> conditionReads(String rule) {
        CompiledRule compiled = byName.get(rule);
        if (compiled == null) {
            throw new IllegalArgumentException("ruleset \"" + name() + "\" has no rule \"" + rule + "\"");
        }
        return compiled.reads();
    }

    @Override
    public EvaluationResult evaluate(Map<String, Object> fact, Map<String, Object> input,
                                     Map<String, Object> aggregates, Ticker ticker) {
        if (input == null || ticker == null) {
            throw new IllegalArgumentException((input == null ? "input" : "ticker")
                    + " must not be null; pass Map.of() for no input");
        }
        if (aggregates == null) {
            throw new IllegalArgumentException("aggregates must not be null; pass Map.of() for none");
        }
        return new Evaluation(this, fact, input, aggregates, ticker).run();
    }

    CompiledRule[] rules() {
        return rules;
    }

    RuleIndex index() {
        return index;
    }

    /** The ranks of the rules whose condition reads {@code field}; not to be modified. */
    BitSet readersOf(String field) {
        return readers.getOrDefault(field, NONE);
    }

    /** The ranks of the rules whose condition reads the whole fact; not to be modified. */
    BitSet wholeFactReaders() {
        return wholeFactReaders;
    }

    SharedParts sharedParts() {
        return sharedParts;
    }

    int groupCount() {
        return groupMembers.length;
    }

    int[] groupMembers(int group) {
        return groupMembers[group];
    }

    @Override
    public String toString() {
        return "RuleSet[" + name() + ", " + rules.length + " rules]";
    }
}
