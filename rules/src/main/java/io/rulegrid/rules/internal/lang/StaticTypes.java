package io.rulegrid.rules.internal.lang;

import io.rulegrid.rules.internal.lang.Syntax.Binary;
import io.rulegrid.rules.internal.lang.Syntax.InstanceOf;
import io.rulegrid.rules.internal.lang.Syntax.ListLiteral;
import io.rulegrid.rules.internal.lang.Syntax.Literal;
import io.rulegrid.rules.internal.lang.Syntax.MapLiteral;
import io.rulegrid.rules.internal.lang.Syntax.Unary;

import java.util.Set;

/**
 * The type an expression is sure to have, where its form alone tells (a literal, a comparison, arithmetic),
 * so that a condition that can only yield a non-boolean is a compile error instead of a failure at every
 * evaluation. Fields are dynamically typed: an expression over them is usually unknown.
 */
final class StaticTypes {

    private static final Set<String> BOOLEAN_OPERATORS = Set.of("&&", "||", "==", "!=", "<", "<=", ">", ">=",
            "contains", "~=");

    private StaticTypes() {
    }

    /** {@code "Boolean"}, {@code "String"}, {@code "Number"}, {@code "List"}, {@code "Map"}, or {@code null} if unknown. */
    static String of(Syntax node) {
        if (node instanceof Literal literal) {
            Object value = literal.value();
            return value == null ? null : value instanceof Boolean ? "Boolean" : value instanceof String ? "String" : "Number";
        }
        if (node instanceof ListLiteral) {
            return "List";
        }
        if (node instanceof MapLiteral) {
            return "Map";
        }
        if (node instanceof InstanceOf) {
            return "Boolean";
        }
        if (node instanceof Unary unary) {
            return unary.operator().equals("!") ? "Boolean" : "Number";
        }
        if (node instanceof Binary binary) {
            if (BOOLEAN_OPERATORS.contains(binary.operator())) {
                return "Boolean";
            }
            if (binary.operator().equals("+")) {
                String left = of(binary.left());
                String right = of(binary.right());
                return "String".equals(left) || "String".equals(right) ? "String"
                        : "Number".equals(left) && "Number".equals(right) ? "Number" : null;
            }
            return "Number";
        }
        return null;
    }
}
