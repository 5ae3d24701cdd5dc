package io.rulegrid.perf;

import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.mvel2.ParserContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The same rules in Easy Rules 4.1 ({@code easy-rules-mvel}), the baseline of the benchmarks: each rule's
 * condition and action text becomes an {@link MVELRule}, a higher salience a lower (earlier) priority, and
 * {@code emit} a static function imported into the MVEL parser context.
 */
public final class EasyRulesBaseline {

    private static final ThreadLocal<List<Object>> EMITTED = ThreadLocal.withInitial(ArrayList::new);

    private final Rules rules = new Rules();
    private final DefaultRulesEngine engine = new DefaultRulesEngine();

    public EasyRulesBaseline(RuleSetDefinition definition) {
        ParserContext context = new ParserContext();
        try {
            context.addImport("emit", EasyRulesBaseline.class.getMethod("emit", String.class, Object.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("emit is missing", e);
        }
        for (RuleDefinition rule : definition.rules()) {
            String action = rule.actions().stream().map(SourceText::text).collect(Collectors.joining(";\n"));
            rules.register(new MVELRule(context).name(rule.name()).priority(-rule.salience())
                    .when(rule.condition().text()).then(action.isEmpty() ? "true" : action));
        }
    }

    /** Called by the rules' actions. */
    public static void emit(String type, Object value) {
        EMITTED.get().add(List.of(type, value));
    }

    /**
     * Fires the rules on a copy of the fact (Easy Rules changes its facts in place); returns what was emitted.
     */
    public List<Object> fire(Map<String, Object> fact) {
        Facts facts = new Facts();
        fact.forEach((name, value) -> facts.put(name, value instanceof List<?> list ? new ArrayList<>(list) : value));
        List<Object> emitted = EMITTED.get();
        emitted.clear();
        engine.fire(rules, facts);
        return List.copyOf(emitted);
    }

    /** The names of the rules whose condition holds for the fact, as Easy Rules evaluates them. */
    public List<String> matching(Map<String, Object> fact) {
        Facts facts = new Facts();
        fact.forEach(facts::put);
        List<String> names = new ArrayList<>();
        rules.forEach(rule -> {
            if (rule.evaluate(facts)) {
                names.add(rule.getName());
            }
        });
        return names;
    }
}
