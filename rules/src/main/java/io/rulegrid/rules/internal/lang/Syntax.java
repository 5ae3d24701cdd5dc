package io.rulegrid.rules.internal.lang;

import java.util.List;

/**
 * The syntax tree of conditions and actions. Every node records {@code at}, the offset of its first
 * character in the expression text, so that compile and run-time errors point into the rule file.
 * Statements are nodes too: an action is a {@link Block}.
 */
sealed interface Syntax {

    int at();

    /** A string, {@code Long}, {@code Double}, {@code BigDecimal}, boolean or {@code null}. */
    record Literal(int at, Object value) implements Syntax {
    }

    /** {@code [a, b]}. */
    record ListLiteral(int at, List<Syntax> elements) implements Syntax {
    }

    /** {@code ["k": v]}; keys are constants. */
    record MapLiteral(int at, List<String> keys, List<Syntax> values) implements Syntax {
    }

    /** A bare name: a fact field, a loop variable, {@code fact}, {@code input} or {@code now}. */
    record Name(int at, String name) implements Syntax {
    }

    /** {@code target.name} and {@code target.?name}: a field of a JSON object, {@code null} when absent. */
    record Member(int at, Syntax target, String name) implements Syntax {
    }

    /** {@code target[index]}: a list element or an object field. */
    record Index(int at, Syntax target, Syntax index) implements Syntax {
    }

    /** {@code target.name(args)}; {@code target} is {@code null} for the functions emit, retract and halt. */
    record Call(int at, Syntax target, String name, List<Syntax> args) implements Syntax {
    }

    /** {@code Math.name(args)}. */
    record MathCall(int at, String name, List<Syntax> args) implements Syntax {
    }

    /** {@code -x}, {@code !x}. */
    record Unary(int at, String operator, Syntax operand) implements Syntax {
    }

    /** Arithmetic, comparison, logic, {@code contains} and {@code ~=}. */
    record Binary(int at, String operator, Syntax left, Syntax right) implements Syntax {
    }

    /** {@code test ? then : otherwise}. */
    record Conditional(int at, Syntax test, Syntax then, Syntax otherwise) implements Syntax {
    }

    /** {@code value instanceof Type} for the JSON types. */
    record InstanceOf(int at, Syntax value, String type) implements Syntax {
    }

    /** {@code target = value} and the compound forms; {@code operator} is {@code "="}, {@code "+="}, …. */
    record Assign(int at, String operator, Syntax target, Syntax value) implements Syntax {
    }

    /** {@code x++}, {@code ++x}, {@code x--}, {@code --x}. */
    record Increment(int at, Syntax target, long delta, boolean prefix) implements Syntax {
    }

    /** Statements in order; its value is the last statement's. */
    record Block(int at, List<Syntax> statements) implements Syntax {
    }

    /** {@code if (test) then else otherwise}; {@code otherwise} may be {@code null}. */
    record If(int at, Syntax test, Syntax then, Syntax otherwise) implements Syntax {
    }

    /** {@code foreach (variable : iterable) body}. */
    record Foreach(int at, String variable, Syntax iterable, Syntax body) implements Syntax {
    }
}
