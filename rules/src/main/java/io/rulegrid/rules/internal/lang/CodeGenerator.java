package io.rulegrid.rules.internal.lang;

import io.rulegrid.api.JsonObject;
import io.rulegrid.rules.internal.engine.EvaluationScope;
import io.rulegrid.rules.internal.engine.Meter;
import io.rulegrid.rules.internal.lang.Syntax.Assign;
import io.rulegrid.rules.internal.lang.Syntax.Binary;
import io.rulegrid.rules.internal.lang.Syntax.Block;
import io.rulegrid.rules.internal.lang.Syntax.Call;
import io.rulegrid.rules.internal.lang.Syntax.Conditional;
import io.rulegrid.rules.internal.lang.Syntax.Foreach;
import io.rulegrid.rules.internal.lang.Syntax.If;
import io.rulegrid.rules.internal.lang.Syntax.Increment;
import io.rulegrid.rules.internal.lang.Syntax.Index;
import io.rulegrid.rules.internal.lang.Syntax.InstanceOf;
import io.rulegrid.rules.internal.lang.Syntax.ListLiteral;
import io.rulegrid.rules.internal.lang.Syntax.Literal;
import io.rulegrid.rules.internal.lang.Syntax.MapLiteral;
import io.rulegrid.rules.internal.lang.Syntax.MathCall;
import io.rulegrid.rules.internal.lang.Syntax.Member;
import io.rulegrid.rules.internal.lang.Syntax.Name;
import io.rulegrid.rules.internal.lang.Syntax.Unary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a syntax tree into {@link Code} closures, checking on the way what the tree may do: a condition
 * changes nothing; nothing writes {@code input}, {@code agg} or {@code now}; only listed methods, Math functions
 * and emit / retract / halt can be called. Records what the engine needs: the fact fields a condition reads,
 * and the fields an action may change.
 */
final class CodeGenerator {

    /** Whether the text is a condition (a pure expression) or an action (statements). */
    enum Role { CONDITION, ACTION }

    /** Stands for "any field": the condition reads {@code fact}, or an action changes something reached dynamically. */
    static final String WHOLE_FACT = "*";

    private static final Set<String> FUNCTIONS = Set.of("emit", "retract", "halt");
    /**
     * The names that are no fact field and cannot be written: the call's parameters, the caller's aggregates and
     * the evaluation's time. (The values reached from {@code input} and {@code agg} are read-only views as well,
     * for writes the compiler cannot see, through a ternary or {@code getOrDefault}.)
     */
    private static final Set<String> READ_ONLY_ROOTS = Set.of("input", "agg", "now");

    private final Role role;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> reads = new TreeSet<>();
    private final Set<String> changes = new TreeSet<>();
    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    private int slots;
    private int maxSlots;

    /** A loop variable: its slot, and the fact field its values come from (for change tracking). */
    private record Local(int slot, String root) {
    }

    CodeGenerator(Role role) {
        this.role = role;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The top-level fact fields read; {@link #WHOLE_FACT} when the whole fact is. */
    Set<String> reads() {
        return reads;
    }

    /** The top-level fact fields an action may change; {@link #WHOLE_FACT} when it cannot be known. */
    Set<String> changes() {
        return changes;
    }

    /** The loop variables the code needs. */
    int localCount() {
        return maxSlots;
    }

    Code compile(Syntax node) {
        if (node instanceof Literal literal) {
            Object value = literal.value();
            return scope -> value;
        }
        if (node instanceof Name name) {
            return name(name);
        }
        if (node instanceof Member member) {
            return member(member);
        }
        if (node instanceof Index index) {
            return index(index);
        }
        if (node instanceof Binary binary) {
            return binary(binary);
        }
        if (node instanceof Unary unary) {
            return unary(unary);
        }
        if (node instanceof Call call) {
            return call.target() == null ? function(call) : method(call);
        }
        if (node instanceof MathCall call) {
            return math(call);
        }
        if (node instanceof Conditional conditional) {
            return conditional(conditional);
        }
        if (node instanceof InstanceOf test) {
            Code value = compile(test.value());
            String type = test.type();
            return scope -> Values.isInstance(value.eval(scope), type);
        }
        if (node instanceof ListLiteral list) {
            return list(list);
        }
        if (node instanceof MapLiteral map) {
            return map(map);
        }
        if (node instanceof Assign assign) {
            return assign(assign);
        }
        if (node instanceof Increment increment) {
            return increment(increment);
        }
        if (node instanceof Block block) {
            return block(block);
        }
        if (node instanceof If statement) {
            return ifStatement(statement);
        }
        return foreach((Foreach) node);
    }

    // ---------------------------------------------------------------- names and access

    private Code name(Name node) {
        Local local = local(node.name());
        if (local != null) {
            int slot = local.slot();
            return scope -> scope.locals()[slot];
        }
        switch (node.name()) {
            case "fact":
                reads.add(WHOLE_FACT);
                return EvaluationScope::fact;
            case "input":
                return EvaluationScope::input;
            case "agg":
                return EvaluationScope::aggregates;
            case "now":
                return EvaluationScope::now;
            default:
                return field(node.name());
        }
    }

    private Code field(String name) {
        reads.add(name);
        return scope -> scope.fact().get(name);
    }

    /** {@code fact.x} is the field {@code x}; a loop variable named {@code fact} is not the fact. */
    private boolean isFact(Syntax node) {
        return node instanceof Name name && name.name().equals("fact") && local("fact") == null;
    }

    private Code member(Member node) {
        if (isFact(node.target())) {
            return field(node.name());
        }
        Code target = compile(node.target());
        int at = node.at();
        String name = node.name();
        return scope -> {
            Object value = target.eval(scope);
            if (value instanceof Map<?, ?> map) {
                return map.get(name);
            }
            if (value == null) {
                return null;
            }
            throw new EvalException(at, "cannot read field '" + name + "' of " + Values.describe(value)
                    + (Methods.ALL.contains(name) ? "; to call the method write " + name + "()" : ""));
        };
    }

    private Code index(Index node) {
        if (isFact(node.target()) && node.index() instanceof Literal literal && literal.value() instanceof String field) {
            return field(field);
        }
        if (isFact(node.target())) {
            reads.add(WHOLE_FACT);
        }
        Code target = compile(node.target());
        Code index = compile(node.index());
        int at = node.at();
        return scope -> element(at, target.eval(scope), index.eval(scope));
    }

    private static Object element(int at, Object container, Object index) {
        if (container instanceof List<?> list) {
            return list.get(listIndex(at, list, index));
        }
        if (container instanceof Map<?, ?> map) {
            if (!(index instanceof String key)) {
                throw new EvalException(at, "an object's field is named by a String but got " + Values.describe(index));
            }
            return map.get(key);
        }
        if (container == null) {
            return null;
        }
        throw new EvalException(at, "cannot index " + Values.describe(container) + "; only lists and objects have elements");
    }

    private static int listIndex(int at, List<?> list, Object index) {
        if (index instanceof Long i && i >= 0 && i < list.size()) {
            return (int) (long) i;
        }
        if (index instanceof Long i) {
            throw new EvalException(at, "index " + i + " is out of range for a list of " + list.size());
        }
        throw new EvalException(at, "a list index must be a whole number but got " + Values.describe(index));
    }

    // ---------------------------------------------------------------- operators

    private Code unary(Unary node) {
        Code operand = compile(node.operand());
        int at = node.at();
        if (node.operator().equals("!")) {
            return scope -> !Values.truth(at, operand.eval(scope), "'!'");
        }
        return scope -> Values.negate(at, operand.eval(scope));
    }

    private Code binary(Binary node) {
        Code left = compile(node.left());
        Code right = compile(node.right());
        int at = node.at();
        String operator = node.operator();
        switch (operator) {
            case "&&":
                return scope -> Values.truth(at, left.eval(scope), "'&&'") && Values.truth(at, right.eval(scope), "'&&'");
            case "||":
                return scope -> Values.truth(at, left.eval(scope), "'||'") || Values.truth(at, right.eval(scope), "'||'");
            case "==":
                return scope -> Values.equal(left.eval(scope), right.eval(scope), scope.meter());
            case "!=":
                return scope -> !Values.equal(left.eval(scope), right.eval(scope), scope.meter());
            case "<":
            case "<=":
            case ">":
            case ">=":
                return comparison(node, left, right);
            case "+":
                return scope -> Values.plus(at, left.eval(scope), right.eval(scope), scope.meter());
            case "contains":
                return scope -> contains(at, left.eval(scope), right.eval(scope), scope.meter());
            case "~=":
                return scope -> {
                    Object text = left.eval(scope);
                    Object regex = right.eval(scope);
                    if (!(regex instanceof String pattern)) {
                        throw new EvalException(at, "'~=' needs a regular expression (a String) but got " + Values.describe(regex));
                    }
                    return text instanceof String s && Regexes.matches(at, s, pattern, scope.meter());
                };
            default:
                char arithmetic = operator.charAt(0);
                return scope -> Values.arithmetic(at, arithmetic, left.eval(scope), right.eval(scope), scope.meter());
        }
    }

    /** A comparison with a constant number, the common case of conditions, skips the generic dispatch. */
    private static Code comparison(Binary node, Code left, Code right) {
        int at = node.at();
        String operator = node.operator();
        int comparison = Values.comparison(operator);
        if (node.right() instanceof Literal literal && literal.value() instanceof Long constant) {
            long c = constant;
            return scope -> {
                Object value = left.eval(scope);
                if (value instanceof Long l) {
                    return Values.holds(comparison, Long.compare(l, c));
                }
                return Values.compare(at, operator, value, constant);
            };
        }
        if (node.right() instanceof Literal literal && literal.value() instanceof Double constant) {
            double c = constant;
            return scope -> {
                Object value = left.eval(scope);
                if (value instanceof Double d) {
                    double x = d;
                    return Values.holds(comparison, x < c ? -1 : x > c ? 1 : 0);
                }
                return Values.compare(at, operator, value, constant);
            };
        }
        return scope -> Values.compare(at, operator, left.eval(scope), right.eval(scope));
    }

    private static boolean contains(int at, Object container, Object wanted, Meter meter) {
        if (container instanceof String s) {
            if (!(wanted instanceof String part)) {
                throw new EvalException(at, "a String contains only Strings but got " + Values.describe(wanted));
            }
            return TextSearch.contains(s, part, meter);
        }
        if (container instanceof List<?> list) {
            meter.charge(list.size() + 1L);
            for (Object element : list) {
                if (Values.equal(element, wanted, meter)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(wanted);
        }
        if (container == null) {
            return false;
        }
        throw new EvalException(at, "'contains' needs a String, List or Map on its left but got " + Values.describe(container));
    }

    private Code conditional(Conditional node) {
        Code test = compile(node.test());
        Code then = compile(node.then());
        Code otherwise = compile(node.otherwise());
        int at = node.at();
        return scope -> Values.truth(at, test.eval(scope), "'? :'") ? then.eval(scope) : otherwise.eval(scope);
    }

    // ---------------------------------------------------------------- literals

    private Code list(ListLiteral node) {
        Code[] elements = compileAll(node.elements());
        int at = node.at();
        return scope -> {
            Meter meter = scope.meter();
            meter.charge(elements.length + 1L);
            List<Object> list = new ArrayList<>(elements.length);
            for (Code element : elements) {
                list.add(Values.stored(at, element.eval(scope), meter));
            }
            return list;
        };
    }

    private Code map(MapLiteral node) {
        Code[] values = compileAll(node.values());
        String[] keys = node.keys().toArray(String[]::new);
        int at = node.at();
        return scope -> {
            Meter meter = scope.meter();
            meter.charge(keys.length + 1L);
            JsonObject map = new JsonObject(keys.length);
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], Values.stored(at, values[i].eval(scope), meter));
            }
            return map;
        };
    }

    private Code[] compileAll(List<Syntax> nodes) {
        Code[] codes = new Code[nodes.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = compile(nodes.get(i));
        }
        return codes;
    }

    // ---------------------------------------------------------------- calls

    private Code function(Call node) {
        String name = node.name();
        int at = node.at();
        if (!FUNCTIONS.contains(name)) {
            problems.add(new Problem(at, "unknown function '" + name + "()'; rules may call emit(type, value), retract()"
                    + " and halt(), methods of values (text.length()) and Math functions (Math.abs(x))"));
            return scope -> null;
        }
        if (role == Role.CONDITION) {
            problems.add(new Problem(at, name + "() can only be used in an action, not in a condition"));
            return scope -> null;
        }
        int arity = name.equals("emit") ? 2 : 0;
        if (node.args().size() != arity) {
            problems.add(new Problem(at, name + (arity == 2 ? "(type, value)" : "()") + " takes " + arity
                    + " arguments but got " + node.args().size()));
            return scope -> null;
        }
        if (name.equals("retract")) {
            return scope -> {
                scope.retract();
                return null;
            };
        }
        if (name.equals("halt")) {
            return scope -> {
                scope.halt();
                return null;
            };
        }
        Code type = compile(node.args().get(0));
        Code value = compile(node.args().get(1));
        return scope -> {
            Object kind = type.eval(scope);
            if (!(kind instanceof String typeName)) {
                throw new EvalException(at, "emit needs a String type but got " + Values.describe(kind));
            }
            Object output = Values.stored(at, value.eval(scope), scope.meter());
            try {
                scope.emit(typeName, output);
            } catch (IllegalStateException tooMany) {
                throw new EvalException(at, tooMany.getMessage());
            }
            return null;
        };
    }

    private Code method(Call node) {
        String name = node.name();
        int at = node.at();
        Code target = compile(node.target());
        Code[] args = compileAll(node.args());
        if (!Methods.ALL.contains(name)) {
            problems.add(new Problem(at, "method '" + name + "()' is not allowed; rules may call only the methods of"
                    + " String, numbers, BigDecimal, List and Map listed in docs/rgl.md"));
            return scope -> null;
        }
        if (Methods.MUTATING.contains(name)) {
            if (role == Role.CONDITION) {
                problems.add(new Problem(at, "a condition must not change anything ('" + name + "()')"));
                return scope -> null;
            }
            if (!changed(node.target())) {
                return scope -> null;
            }
        }
        String signature = name + "/" + args.length;
        return scope -> {
            Object receiver = target.eval(scope);
            Object[] values = new Object[args.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = args[i].eval(scope);
            }
            return Methods.call(at, receiver, name, signature, values, scope.meter());
        };
    }

    private Code math(MathCall node) {
        int arity = MathFunctions.arity(node.name());
        if (node.args().size() != arity) {
            problems.add(new Problem(node.at(), "Math." + node.name() + "() takes " + arity
                    + (arity == 1 ? " argument" : " arguments") + " but got " + node.args().size()));
            return scope -> null;
        }
        Code[] args = compileAll(node.args());
        String name = node.name();
        int at = node.at();
        if (arity == 1) {
            Code arg = args[0];
            return scope -> MathFunctions.call(at, name, new Object[] {arg.eval(scope)});
        }
        return scope -> MathFunctions.call(at, name, new Object[] {args[0].eval(scope), args[1].eval(scope)});
    }

    // ---------------------------------------------------------------- changes

    /**
     * Records that an action changes what {@code target} refers to; reports writes to {@code input}, {@code agg}
     * or {@code now}. Returns whether the change is allowed. (Conditions are refused before they get here.)
     */
    private boolean changed(Syntax target) {
        String root = root(target);
        if (READ_ONLY_ROOTS.contains(root)) {
            problems.add(new Problem(target.at(), root + " is read-only"));
            return false;
        }
        changes.add(root);
        return true;
    }

    /** The top-level fact field a value is reached from; {@link #WHOLE_FACT} when it is not known statically. */
    private String root(Syntax node) {
        if (node instanceof Name name) {
            Local local = local(name.name());
            if (local != null) {
                return local.root();
            }
            return name.name().equals("fact") ? WHOLE_FACT : name.name();
        }
        if (node instanceof Member member) {
            return isFact(member.target()) ? member.name() : root(member.target());
        }
        if (node instanceof Index index) {
            if (isFact(index.target())) {
                return index.index() instanceof Literal literal && literal.value() instanceof String field
                        ? field : WHOLE_FACT;
            }
            return root(index.target());
        }
        if (node instanceof Call call && call.target() != null && !call.name().equals("getOrDefault")) {
            return root(call.target());
        }
        // getOrDefault may return its default, a ternary either branch: what they reach is not known statically
        return WHOLE_FACT;
    }

    // ---------------------------------------------------------------- statements

    private Code assign(Assign node) {
        int at = node.at();
        if (role == Role.CONDITION) {
            problems.add(new Problem(at, "a condition must not change anything ('" + node.operator() + "'); use '==' to compare"));
            return scope -> null;
        }
        Code value = compile(node.value());
        char operator = node.operator().charAt(0);
        return store(node.target(), at, operator == '=' ? null : (old, scope) -> combine(at, operator, old,
                value.eval(scope), scope.meter()), value);
    }

    private Code increment(Increment node) {
        int at = node.at();
        if (role == Role.CONDITION) {
            problems.add(new Problem(at, "a condition must not change anything ('" + (node.delta() > 0 ? "++" : "--")
                    + "'); use '==' to compare"));
            return scope -> null;
        }
        Long delta = node.delta();
        Code store = store(node.target(), at, (old, scope) -> Values.arithmetic(at, '+', old, delta, scope.meter()), null);
        if (node.prefix()) {
            return store;
        }
        return scope -> Values.arithmetic(at, '-', store.eval(scope), delta, scope.meter());
    }

    private static Object combine(int at, char operator, Object old, Object operand, Meter meter) {
        return operator == '+' ? Values.plus(at, old, operand, meter) : Values.arithmetic(at, operator, old, operand, meter);
    }

    /** How a compound assignment computes the new value from the old one. */
    @FunctionalInterface
    private interface Update {
        Object apply(Object old, EvaluationScope scope);
    }

    /** Stores into a field, an object's field or a list element: {@code update} is {@code null} for plain '='. */
    private Code store(Syntax target, int at, Update update, Code value) {
        if (target instanceof Name name) {
            return storeName(name, at, update, value);
        }
        if (!changed(target)) {
            return scope -> null;
        }
        if (target instanceof Member member && isFact(member.target())) {
            return storeField(member.name(), at, update, value);
        }
        if (target instanceof Index index && isFact(index.target()) && index.index() instanceof Literal literal
                && literal.value() instanceof String field) {
            return storeField(field, at, update, value);
        }
        Code container = compile(target instanceof Member member ? member.target() : ((Index) target).target());
        Code key = target instanceof Member member ? scope -> member.name() : compile(((Index) target).index());
        return scope -> {
            Object into = container.eval(scope);
            Object k = key.eval(scope);
            Object old = update == null ? null : element(at, into, k);
            Object result = update == null ? value.eval(scope) : update.apply(old, scope);
            putElement(at, into, k, Values.stored(at, result, scope.meter()), scope.meter());
            return result;
        };
    }

    private Code storeName(Name name, int at, Update update, Code value) {
        if (local(name.name()) != null) {
            problems.add(new Problem(name.at(), "the loop variable '" + name.name() + "' cannot be assigned; assign"
                    + " a field of the fact instead"));
            return scope -> null;
        }
        switch (name.name()) {
            case "fact":
                problems.add(new Problem(at, "the fact cannot be replaced; assign its fields instead"));
                return scope -> null;
            case "input":
            case "agg":
            case "now":
                problems.add(new Problem(name.at(), name.name() + " is read-only"));
                return scope -> null;
            default:
                changes.add(name.name());
                return storeField(name.name(), at, update, value);
        }
    }

    private Code storeField(String field, int at, Update update, Code value) {
        changes.add(field);
        if (update == null) {
            return scope -> {
                Object result = Values.stored(at, value.eval(scope), scope.meter());
                putField(at, scope, field, result);
                return result;
            };
        }
        reads.add(field);
        return scope -> {
            Object result = Values.stored(at, update.apply(scope.fact().get(field), scope), scope.meter());
            putField(at, scope, field, result);
            return result;
        };
    }

    private static void putField(int at, EvaluationScope scope, String field, Object value) {
        Map<String, Object> fact = scope.fact();
        if (!fact.containsKey(field)) {
            Values.checkSize(at, fact.size() + 1L, scope.meter());
        }
        fact.put(field, value);
    }

    @SuppressWarnings("unchecked")
    private static void putElement(int at, Object container, Object key, Object value, Meter meter) {
        try {
            if (container instanceof List<?> list) {
                ((List<Object>) list).set(listIndex(at, list, key), value);
            } else if (container instanceof Map<?, ?> map) {
                if (!(key instanceof String field)) {
                    throw new EvalException(at, "an object's field is named by a String but got " + Values.describe(key));
                }
                if (!map.containsKey(field)) {
                    Values.checkSize(at, map.size() + 1L, meter);
                }
                ((Map<String, Object>) map).put(field, value);
            } else {
                throw new EvalException(at, "cannot set " + (key instanceof String ? "field '" + key + "'" : "element " + key)
                        + " of " + Values.describe(container));
            }
        } catch (UnsupportedOperationException e) {
            throw new EvalException(at, "input and agg are read-only");
        }
    }

    private Code block(Block node) {
        Code[] statements = compileAll(node.statements());
        if (statements.length == 1) {
            return statements[0];
        }
        return scope -> {
            Object last = null;
            for (Code statement : statements) {
                last = statement.eval(scope);
                if (scope.stopped()) {
                    break;
                }
            }
            return last;
        };
    }

    private Code ifStatement(If node) {
        Code test = compile(node.test());
        Code then = compile(node.then());
        Code otherwise = node.otherwise() == null ? scope -> null : compile(node.otherwise());
        int at = node.at();
        return scope -> Values.truth(at, test.eval(scope), "'if'") ? then.eval(scope) : otherwise.eval(scope);
    }

    private Code foreach(Foreach node) {
        Code iterable = compile(node.iterable());
        int slot = slots++;
        maxSlots = Math.max(maxSlots, slots);
        scopes.push(new HashMap<>(Map.of(node.variable(), new Local(slot, root(node.iterable())))));
        Code body = compile(node.body());
        scopes.pop();
        slots--;
        int at = node.at();
        return scope -> {
            Object over = iterable.eval(scope);
            Object[] items;
            if (over instanceof List<?> list) {
                items = list.toArray();
            } else if (over instanceof Map<?, ?> map) {
                items = map.keySet().toArray();
            } else {
                throw new EvalException(at, "foreach needs a List or a Map but got " + Values.describe(over));
            }
            Meter meter = scope.meter();
            meter.charge(items.length + 1L);
            Object[] locals = scope.locals();
            for (Object item : items) {
                meter.charge(1);
                locals[slot] = item;
                body.eval(scope);
                if (scope.stopped()) {
                    break;
                }
            }
            return null;
        };
    }

    private Local local(String name) {
        for (Map<String, Local> scope : scopes) {
            Local local = scope.get(name);
            if (local != null) {
                return local;
            }
        }
        return null;
    }
}
