package io.rulegrid.rules.internal.lang;

import io.rulegrid.api.CompileError;
import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.engine.ConditionPart;
import io.rulegrid.rules.internal.engine.Constraint;
import io.rulegrid.rules.internal.engine.Expression;
import io.rulegrid.rules.internal.lang.CodeGenerator.Role;
import io.rulegrid.rules.internal.lang.ExpressionParser.Parsed;
import io.rulegrid.rules.internal.lang.Syntax.Binary;
import io.rulegrid.rules.internal.lang.Syntax.Literal;
import io.rulegrid.rules.internal.lang.Syntax.Member;
import io.rulegrid.rules.internal.lang.Syntax.Name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the conditions and actions of rules with RuleGrid's own parser and evaluator: no rule text
 * reaches a general-purpose interpreter. Every problem is reported at its line and column in the rule file.
 */
public final class LangCompiler {

    /** Longest condition or action, in characters. */
    public static final int MAX_EXPRESSION_LENGTH = 64 * 1024;

    /** Names that read no fact field: the rule index and the ordering of tests must not take them for fields. */
    private static final Set<String> NOT_FIELDS = Set.of("fact", "input", "agg", "now");
    private static final Map<String, String> FLIPPED = Map.of("<", ">", "<=", ">=", ">", "<", ">=", "<=", "==", "==");

    /**
     * A compiled condition: the conjuncts of its top-level {@code &&} chain in order (all must hold), the
     * top-level fields it reads ({@code "*"}: the whole fact) and its {@code field OP constant} tests.
     */
    public record CompiledCondition(List<ConditionPart> parts, Set<String> reads, List<Constraint> constraints) {
    }

    /** A compiled action and the top-level fields it may change ({@code "*"}: any). */
    public record CompiledAction(Expression expression, Set<String> changes) {
    }

    private LangCompiler() {
    }

    /** Compiles a condition; returns {@code null} and adds to {@code errors} when it does not compile. */
    public static CompiledCondition compileCondition(String file, String rule, SourceText source,
                                                     List<CompileError> errors) {
        Parsed parsed = parse(source, Role.CONDITION);
        if (parsed.problem() != null) {
            errors.add(error(file, rule, source, parsed.problem()));
            return null;
        }
        // each conjunct is compiled once, on its own: it is a part of the condition, shared where rules agree
        List<Syntax> conjuncts = equalitiesFirst(parsed.syntax());
        List<Code> codes = new ArrayList<>();
        List<Set<String>> partReads = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Syntax conjunct : conjuncts) {
            CodeGenerator generator = new CodeGenerator(Role.CONDITION);
            codes.add(generator.compile(conjunct));
            partReads.add(Set.copyOf(generator.reads()));
            problems.addAll(generator.problems());
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> errors.add(error(file, rule, source, problem)));
            return null;
        }
        String type = StaticTypes.of(parsed.syntax());
        if (type != null && !type.equals("Boolean")) {
            errors.add(error(file, rule, source, new Problem(parsed.syntax().at(),
                    "a condition must yield a boolean, but this one yields a " + type)));
            return null;
        }
        List<ConditionPart> parts = new ArrayList<>();
        Set<String> reads = new java.util.TreeSet<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            Code code = codes.get(i);
            int at = conjuncts.get(i).at();
            Code checked = conjuncts.size() == 1 ? scope -> {
                Object value = code.eval(scope);
                if (value instanceof Boolean) {
                    return value;
                }
                throw new EvalException(at, "a condition must yield a boolean but yielded " + Values.describe(value));
            } : scope -> Values.truth(at, code.eval(scope), "'&&'");
            parts.add(new ConditionPart(Canonical.of(conjuncts.get(i)), new LangExpression(checked, 0, source),
                    partReads.get(i)));
            reads.addAll(partReads.get(i));
        }
        return new CompiledCondition(List.copyOf(parts), Set.copyOf(reads), constraints(conjuncts));
    }

    /** Compiles an action; returns {@code null} and adds to {@code errors} when it does not compile. */
    public static CompiledAction compileAction(String file, String rule, SourceText source, List<CompileError> errors) {
        Parsed parsed = parse(source, Role.ACTION);
        CodeGenerator generator = new CodeGenerator(Role.ACTION);
        Code code = generate(file, rule, source, parsed, generator, errors);
        if (code == null) {
            return null;
        }
        return new CompiledAction(new LangExpression(code, generator.localCount(), source),
                Set.copyOf(generator.changes()));
    }

    private static Parsed parse(SourceText source, Role role) {
        if (source.text().length() > MAX_EXPRESSION_LENGTH) {
            return new Parsed(null, new Problem(0, (role == Role.CONDITION ? "condition" : "action") + " of "
                    + source.text().length() + " characters; at most " + MAX_EXPRESSION_LENGTH
                    + " (split the rule)"));
        }
        return role == Role.CONDITION ? ExpressionParser.parseExpression(source.text())
                : ExpressionParser.parseStatements(source.text());
    }

    private static Code generate(String file, String rule, SourceText source, Parsed parsed, CodeGenerator generator,
                                 List<CompileError> errors) {
        if (parsed.problem() != null) {
            errors.add(error(file, rule, source, parsed.problem()));
            return null;
        }
        Code code = generator.compile(parsed.syntax());
        if (!generator.problems().isEmpty()) {
            generator.problems().forEach(problem -> errors.add(error(file, rule, source, problem)));
            return null;
        }
        return code;
    }

    /** The {@code field OP constant} tests among a condition's conjuncts. */
    private static List<Constraint> constraints(List<Syntax> conjuncts) {
        List<Constraint> constraints = new ArrayList<>();
        for (int position = 0; position < conjuncts.size(); position++) {
            Syntax conjunct = conjuncts.get(position);
            if (!(conjunct instanceof Binary test) || !FLIPPED.containsKey(test.operator())) {
                continue;
            }
            String field = fieldName(test.left());
            Object constant = constant(test.right());
            String operator = test.operator();
            if (field == null || constant == null) {
                field = fieldName(test.right());
                constant = constant(test.left());
                operator = FLIPPED.get(operator);
            }
            if (field != null && constant != null) {
                constraints.add(new Constraint(field, operator, constant, position));
            }
        }
        return List.copyOf(constraints);
    }

    /**
     * The conjuncts of the condition's top-level {@code &&} chain, its tests {@code field == constant} first (in
     * written order), then the others (in written order). An equality never fails, so it can go first; that
     * makes it a discriminator wherever it is written (a fact of another kind fails it before a test such as
     * {@code price < cost * 1.05} can fail on its missing fields), and the rule index, which answers these
     * tests first, exact.
     */
    private static List<Syntax> equalitiesFirst(Syntax condition) {
        List<Syntax> conjuncts = new ArrayList<>();
        flatten(condition, conjuncts);
        List<Syntax> ordered = new ArrayList<>();
        List<Syntax> rest = new ArrayList<>();
        for (Syntax conjunct : conjuncts) {
            boolean equality = conjunct instanceof Binary test && test.operator().equals("==")
                    && (fieldName(test.left()) != null && constant(test.right()) != null
                    || fieldName(test.right()) != null && constant(test.left()) != null);
            (equality ? ordered : rest).add(conjunct);
        }
        ordered.addAll(rest);
        return ordered;
    }

    private static void flatten(Syntax node, List<Syntax> conjuncts) {
        if (node instanceof Binary binary && binary.operator().equals("&&")) {
            flatten(binary.left(), conjuncts);
            flatten(binary.right(), conjuncts);
        } else {
            conjuncts.add(node);
        }
    }

    private static String fieldName(Syntax node) {
        if (node instanceof Name name && !NOT_FIELDS.contains(name.name())) {
            return name.name();
        }
        if (node instanceof Member member && member.target() instanceof Name name && name.name().equals("fact")) {
            return member.name();
        }
        return null;
    }

    private static Object constant(Syntax node) {
        return node instanceof Literal literal ? literal.value() : null;
    }

    private static CompileError error(String file, String rule, SourceText source, Problem problem) {
        int offset = Math.min(problem.offset(), Math.max(0, source.text().length() - 1));
        SourceText.Position at = source.positionOf(offset);
        return new CompileError(file, at.line(), at.column(), rule, problem.message());
    }
}
