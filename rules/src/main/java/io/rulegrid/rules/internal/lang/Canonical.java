package io.rulegrid.rules.internal.lang;

import io.rulegrid.api.Facts;
import io.rulegrid.rules.internal.lang.Syntax.Binary;
import io.rulegrid.rules.internal.lang.Syntax.Call;
import io.rulegrid.rules.internal.lang.Syntax.Conditional;
import io.rulegrid.rules.internal.lang.Syntax.Index;
import io.rulegrid.rules.internal.lang.Syntax.InstanceOf;
import io.rulegrid.rules.internal.lang.Syntax.ListLiteral;
import io.rulegrid.rules.internal.lang.Syntax.Literal;
import io.rulegrid.rules.internal.lang.Syntax.MapLiteral;
import io.rulegrid.rules.internal.lang.Syntax.MathCall;
import io.rulegrid.rules.internal.lang.Syntax.Member;
import io.rulegrid.rules.internal.lang.Syntax.Name;
import io.rulegrid.rules.internal.lang.Syntax.Unary;

import java.math.BigDecimal;
import java.util.List;

/**
 * A syntax tree as text that ignores layout and positions, and tells literals of different types apart
 * ({@code 1L}, {@code 1.0D}, {@code 1B}): two conditions with the same text mean the same test, so a
 * ruleset evaluates a test shared by many rules once per evaluation.
 */
final class Canonical {

    private Canonical() {
    }

    static String of(Syntax node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(Syntax node, StringBuilder out) {
        if (node instanceof Literal literal) {
            literal(literal.value(), out);
        } else if (node instanceof Name name) {
            out.append(name.name());
        } else if (node instanceof Member member) {
            group(member.target(), out).append('.').append(member.name());
        } else if (node instanceof Index index) {
            group(index.target(), out).append('[');
            write(index.index(), out);
            out.append(']');
        } else if (node instanceof Call call) {
            if (call.target() != null) {
                group(call.target(), out).append('.');
            }
            out.append(call.name());
            arguments(call.args(), out);
        } else if (node instanceof MathCall call) {
            out.append("Math.").append(call.name());
            arguments(call.args(), out);
        } else if (node instanceof Unary unary) {
            out.append(unary.operator());
            group(unary.operand(), out);
        } else if (node instanceof Binary binary) {
            group(binary.left(), out).append(' ').append(binary.operator()).append(' ');
            group(binary.right(), out);
        } else if (node instanceof Conditional conditional) {
            group(conditional.test(), out).append(" ? ");
            group(conditional.then(), out).append(" : ");
            group(conditional.otherwise(), out);
        } else if (node instanceof InstanceOf test) {
            group(test.value(), out).append(" instanceof ").append(test.type());
        } else if (node instanceof ListLiteral list) {
            out.append('[');
            separated(list.elements(), out);
            out.append(']');
        } else if (node instanceof MapLiteral map) {
            out.append("[:");
            for (int i = 0; i < map.keys().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(Facts.toJson(map.keys().get(i))).append(": ");
                write(map.values().get(i), out);
            }
            out.append(']');
        } else {
            // only conditions that compiled are compared, and they hold no statements
            throw new IllegalArgumentException("not an expression: " + node.getClass().getSimpleName());
        }
    }

    private static StringBuilder group(Syntax node, StringBuilder out) {
        out.append('(');
        write(node, out);
        return out.append(')');
    }

    private static void arguments(List<Syntax> args, StringBuilder out) {
        out.append('(');
        separated(args, out);
        out.append(')');
    }

    private static void separated(List<Syntax> nodes, StringBuilder out) {
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(nodes.get(i), out);
        }
    }

    private static void literal(Object value, StringBuilder out) {
        if (value instanceof String s) {
            out.append(Facts.toJson(s));
        } else if (value instanceof Long l) {
            out.append(l).append('L');
        } else if (value instanceof Double d) {
            out.append(d).append('D');
        } else if (value instanceof BigDecimal d) {
            out.append(d).append('B');
        } else {
            out.append(value);
        }
    }
}
