package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.CompileError;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSet;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.lang.LangCompiler;
import io.rulegrid.rules.internal.lang.LangCompiler.CompiledAction;
import io.rulegrid.rules.internal.lang.LangCompiler.CompiledCondition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles every condition and action of a ruleset once, and lays out the agenda's lookup tables. */
public final class RuleSetCompiler {

    /** Most rules in one ruleset. */
    public static final int MAX_RULES = 20_000;

    private RuleSetCompiler() {
    }

    /**
     * Compiles a ruleset.
     *
     * @param earlierErrors errors already found in the ruleset's file (syntax errors), reported with these
     * @throws RuleCompilationException with every error of every rule, in file order
     */
    public static RuleSet compile(RuleSetDefinition definition, List<CompileError> earlierErrors) {
        Warmup.ensure();
        if (definition.rules().size() > MAX_RULES) {
            RuleDefinition first = definition.rules().get(MAX_RULES);
            throw new RuleCompilationException(definition.name(), List.of(new CompileError(definition.sourceName(),
                    first.line(), first.column(), first.name(), "a ruleset has at most " + MAX_RULES
                    + " rules; split it into several rulesets")));
        }
        List<RuleDefinition> byRank = new ArrayList<>(definition.rules());
        // a stable sort keeps declaration order among equal saliences
        byRank.sort(Comparator.comparingInt(RuleDefinition::salience).reversed());

        List<CompileError> errors = new ArrayList<>(earlierErrors);
        Map<String, Integer> groups = new LinkedHashMap<>();
        CompiledRule[] rules = new CompiledRule[byRank.size()];
        Map<String, CompiledRule> byName = new HashMap<>();
        for (int rank = 0; rank < rules.length; rank++) {
            RuleDefinition rule = byRank.get(rank);
            CompiledRule compiled = compileRule(definition.sourceName(), rule, rank, groups, errors);
            if (compiled != null && byName.putIfAbsent(rule.name(), compiled) != null) {
                errors.add(new CompileError(definition.sourceName(), rule.line(), rule.column(), rule.name(),
                        "duplicate rule name; rule names must be unique within a ruleset"));
            }
            rules[rank] = compiled;
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(CompileError::line).thenComparingInt(CompileError::column));
            throw new RuleCompilationException(definition.name(), errors);
        }
        List<ConditionPart> shared = sharedParts(rules);
        Map<String, Integer> slotOf = new HashMap<>();
        for (int slot = 0; slot < shared.size(); slot++) {
            slotOf.put(shared.get(slot).key(), slot);
        }
        for (int rank = 0; rank < rules.length; rank++) {
            rules[rank] = withSlots(rules[rank], slotOf);
        }
        return new CompiledRuleSet(definition, definition.limits(), rules, readers(rules), wholeFactReaders(rules),
                groupMembers(rules, groups.size()), byName, SharedParts.of(shared));
    }

    /** The condition parts that more than one enabled rule has, each once, in first-seen order. */
    private static List<ConditionPart> sharedParts(CompiledRule[] rules) {
        Map<String, Integer> counts = new HashMap<>();
        for (CompiledRule rule : rules) {
            if (rule.definition().enabled()) {
                rule.parts().forEach(part -> counts.merge(part.key(), 1, Integer::sum));
            }
        }
        Map<String, ConditionPart> shared = new LinkedHashMap<>();
        for (CompiledRule rule : rules) {
            for (ConditionPart part : rule.parts()) {
                if (counts.getOrDefault(part.key(), 0) > 1) {
                    shared.putIfAbsent(part.key(), part);
                }
            }
        }
        return List.copyOf(shared.values());
    }

    private static CompiledRule withSlots(CompiledRule rule, Map<String, Integer> slotOf) {
        int[] slots = rule.parts().stream().mapToInt(part -> slotOf.getOrDefault(part.key(), -1)).toArray();
        return new CompiledRule(rule.definition(), rule.rank(), rule.parts(), slots, rule.actions(), rule.reads(),
                rule.constraints(), rule.changes(), rule.group());
    }

    private static CompiledRule compileRule(String file, RuleDefinition rule, int rank, Map<String, Integer> groups,
                                            List<CompileError> errors) {
        int errorsBefore = errors.size();
        CompiledCondition condition = LangCompiler.compileCondition(file, rule.name(), rule.condition(), errors);
        List<Expression> actions = new ArrayList<>();
        Set<String> changes = new HashSet<>();
        for (SourceText text : rule.actions()) {
            CompiledAction action = LangCompiler.compileAction(file, rule.name(), text, errors);
            if (action != null) {
                actions.add(action.expression());
                changes.addAll(action.changes());
            }
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        int group = rule.activationGroup() == null ? -1
                : groups.computeIfAbsent(rule.activationGroup(), g -> groups.size());
        return new CompiledRule(rule, rank, condition.parts(), new int[0], List.copyOf(actions), condition.reads(),
                condition.constraints(), Set.copyOf(changes), group);
    }

    private static Map<String, BitSet> readers(CompiledRule[] rules) {
        Map<String, BitSet> readers = new HashMap<>();
        for (CompiledRule rule : rules) {
            for (String field : rule.reads()) {
                readers.computeIfAbsent(field, f -> new BitSet(rules.length)).set(rule.rank());
            }
        }
        return readers;
    }

    private static BitSet wholeFactReaders(CompiledRule[] rules) {
        BitSet ranks = new BitSet(rules.length);
        for (CompiledRule rule : rules) {
            if (rule.readsWholeFact()) {
                ranks.set(rule.rank());
            }
        }
        return ranks;
    }

    private static int[][] groupMembers(CompiledRule[] rules, int groupCount) {
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            members.add(new ArrayList<>());
        }
        for (CompiledRule rule : rules) {
            if (rule.group() >= 0) {
                members.get(rule.group()).add(rule.rank());
            }
        }
        return members.stream().map(m -> m.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
