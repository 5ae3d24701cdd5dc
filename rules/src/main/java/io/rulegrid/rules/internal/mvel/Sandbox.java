package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.internal.text.Token;
import io.rulegrid.rules.internal.text.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compile-time half of the sandbox: rejects, before MVEL sees it, any expression that could reach
 * outside the fact. Works on tokens, so text inside strings and comments is never mistaken for code.
 *
 * <p>What is allowed is listed, not what is forbidden: method calls only by the names in
 * {@link #ALLOWED_METHODS} (String, Number, BigDecimal, List, Map), static access only to {@code Math},
 * unqualified calls only to {@code emit}, {@code retract} and {@code halt}. The run-time half is in
 * {@link FactVariables} (every name is a fact field, input is read-only) and the engine's check that
 * rules only write JSON values.
 */
final class Sandbox {

    static final Set<String> FUNCTIONS = Set.of("emit", "retract", "halt");

    static final Set<String> ALLOWED_METHODS = Set.of(
            // String
            "length", "isEmpty", "isBlank", "charAt", "substring", "indexOf", "lastIndexOf", "contains",
            "startsWith", "endsWith", "toUpperCase", "toLowerCase", "trim", "strip", "replace", "split", "equals",
            "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "matches", "concat", "toString",
            // Number and BigDecimal
            "intValue", "longValue", "doubleValue", "floatValue", "add", "subtract", "multiply", "divide",
            "setScale", "scale", "precision", "signum", "negate", "abs", "max", "min", "pow", "remainder",
            "stripTrailingZeros", "toPlainString",
            // List and Map
            "size", "get", "containsAll", "subList", "addAll", "remove", "set", "getOrDefault", "containsKey",
            "containsValue", "put", "putAll", "keySet", "values");

    static final Set<String> MATH_METHODS = Set.of("abs", "min", "max", "round", "floor", "ceil", "pow", "sqrt",
            "signum", "floorDiv", "floorMod", "log", "log10", "exp", "hypot", "cbrt");

    private static final Set<String> MUTATING_METHODS = Set.of("add", "addAll", "remove", "set", "put", "putAll");

    private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            Map.entry("new", "object creation ('new') is not allowed"),
            Map.entry("import", "imports are not allowed"),
            Map.entry("import_static", "imports are not allowed"),
            Map.entry("def", "function definitions are not allowed"),
            Map.entry("function", "function definitions are not allowed"),
            Map.entry("proto", "prototype definitions are not allowed"),
            Map.entry("while", "'while' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("do", "'do' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("until", "'until' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("class", "class references are not allowed"),
            Map.entry("this", "'this' is not allowed"),
            Map.entry("with", "'with' blocks are not allowed; assign the fields one by one"),
            Map.entry("assert", "'assert' is not allowed"));

    /** MVEL resolves these names to classes by itself; static access is limited to Math. */
    static final Set<String> DANGEROUS_CLASSES = Set.of("System", "Runtime", "Class", "ClassLoader",
            "Thread", "Object", "Array", "Exception", "StringBuilder", "Void");
    private static final Set<String> VALUE_CLASSES = Set.of("String", "CharSequence", "Integer", "Long", "Boolean",
            "Short", "Character", "Double", "Float", "Byte", "Number", "Math");
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net");
    private static final Set<String> KEYWORD_CALLS = Set.of("if", "foreach", "for", "isdef", "return");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "%=", "++", "--");

    /** Whether the text is a rule's condition (a pure expression) or its action (statements). */
    enum Role { CONDITION, ACTION }

    /** Something the sandbox rejects, at an offset of the expression text. */
    record Violation(int offset, String message) {
    }

    private final List<Token> tokens;
    private final Role role;
    private final List<Violation> violations = new ArrayList<>();

    private Sandbox(List<Token> tokens, Role role) {
        this.tokens = tokens;
        this.role = role;
    }

    /** Every sandbox violation of an expression's tokens. */
    static List<Violation> check(List<Token> tokens, Role role) {
        Sandbox sandbox = new Sandbox(tokens, role);
        for (int i = 0; i < tokens.size(); i++) {
            int reported = sandbox.violations.size();
            sandbox.checkToken(i);
            if (sandbox.violations.size() > reported && tokens.get(i).kind() == Kind.IDENTIFIER) {
                i = sandbox.endOfChain(i) - 1;  // one error per forbidden reference, not one per link of its chain
            }
        }
        return sandbox.violations;
    }

    private void checkToken(int i) {
        Token token = tokens.get(i);
        switch (token.kind()) {
            case IDENTIFIER -> checkIdentifier(i, token);
            case OPERATOR -> checkOperator(token);
            case ERROR -> reject(token, token.text());
            default -> { }
        }
    }

    private void checkOperator(Token token) {
        if (token.isOperator("@")) {
            reject(token, "'@' is not allowed");
        } else if (role == Role.CONDITION && ASSIGNMENTS.contains(token.text())) {
            reject(token, "a condition must not change anything ('" + token.text() + "'); use '==' to compare");
        } else if (role == Role.CONDITION && token.isOperator(";")) {
            reject(token, "a condition is a single expression; ';' is not allowed");
        }
    }

    private void checkIdentifier(int i, Token token) {
        String name = token.text();
        boolean member = i > 0 && (tokens.get(i - 1).isOperator(".") || tokens.get(i - 1).isOperator(".?"));
        boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isOperator("(");
        boolean dotted = i + 1 < tokens.size() && (tokens.get(i + 1).isOperator(".") || tokens.get(i + 1).isOperator(".?"));
        if (member) {
            checkMember(i, token, call);
            return;
        }
        String forbidden = FORBIDDEN_WORDS.get(name);
        if (forbidden != null) {
            reject(token, forbidden);
        } else if (DANGEROUS_CLASSES.contains(name)) {
            reject(token, "class '" + name + "' is not allowed; static access is limited to Math");
        } else if (VALUE_CLASSES.contains(name) && dotted && !name.equals("Math")) {
            reject(token, "static access to '" + name + "' is not allowed; static access is limited to Math");
        } else if (PACKAGE_ROOTS.contains(name) && dotted) {
            reject(token, "'" + name + ".' looks like a Java class reference, which is not allowed"
                    + " (read a field of this name as fact." + name + ")");
        } else if (name.equals("for") && call) {
            checkForLoop(i, token);
        } else if (call && !KEYWORD_CALLS.contains(name)) {
            checkFunctionCall(token);
        } else if (name.equals("input") || name.equals("now")) {
            checkReadOnly(i, token);
        } else if (name.equals("fact") && i + 1 < tokens.size() && ASSIGNMENTS.contains(tokens.get(i + 1).text())) {
            reject(token, "the fact cannot be replaced; assign its fields instead");
        }
    }

    private void checkMember(int i, Token token, boolean call) {
        String name = token.text();
        if (!call) {
            if (name.equals("class")) {
                reject(token, "class references are not allowed");
            }
            return;
        }
        boolean onMath = i >= 2 && tokens.get(i - 2).isIdentifier("Math")
                && (i < 3 || !tokens.get(i - 3).isOperator("."));
        if (onMath) {
            if (!MATH_METHODS.contains(name)) {
                reject(token, "Math." + name + "() is not allowed; allowed: " + sorted(MATH_METHODS));
            }
        } else if (!ALLOWED_METHODS.contains(name)) {
            reject(token, "method '" + name + "()' is not allowed; rules may call only methods of String, Number,"
                    + " BigDecimal, List and Map on the allowlist");
        } else if (role == Role.CONDITION && MUTATING_METHODS.contains(name)) {
            reject(token, "a condition must not change anything ('" + name + "()')");
        }
    }

    private void checkFunctionCall(Token token) {
        String name = token.text();
        if (!FUNCTIONS.contains(name)) {
            reject(token, "unknown function '" + name + "()'; rules may call emit(type, value), retract() and halt()");
        } else if (role == Role.CONDITION) {
            reject(token, name + "() can only be used in an action, not in a condition");
        }
    }

    /** Rejects {@code for (init; test; step)}: only {@code for (x : list)} is bounded. */
    private void checkForLoop(int i, Token token) {
        int depth = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.isOperator("(") || t.isOperator("[") || t.isOperator("{")) {
                depth++;
            } else if (t.isOperator(")") || t.isOperator("]") || t.isOperator("}")) {
                if (--depth == 0) {
                    return;
                }
            } else if (depth == 1 && t.isOperator(";")) {
                reject(token, "C-style for loops are not allowed (an evaluation must end); use foreach (x : list)");
                return;
            }
        }
    }

    /** Rejects writes through {@code input} or {@code now}: a following assignment or mutating call. */
    private void checkReadOnly(int i, Token token) {
        if (i > 0 && (tokens.get(i - 1).isOperator("++") || tokens.get(i - 1).isOperator("--"))) {
            reject(token, token.text() + " is read-only");
            return;
        }
        int j = i + 1;
        while (j < tokens.size()) {
            Token t = tokens.get(j);
            if ((t.isOperator(".") || t.isOperator(".?")) && j + 1 < tokens.size()
                    && tokens.get(j + 1).kind() == Kind.IDENTIFIER) {
                if (j + 2 < tokens.size() && tokens.get(j + 2).isOperator("(")) {
                    if (MUTATING_METHODS.contains(tokens.get(j + 1).text())) {
                        reject(token, token.text() + " is read-only");
                    }
                    return;
                }
                j += 2;
            } else if (t.isOperator("[")) {
                j = closingBracket(j) + 1;
            } else {
                if (ASSIGNMENTS.contains(t.text()) && t.kind() == Kind.OPERATOR) {
                    reject(token, token.text() + " is read-only");
                }
                return;
            }
        }
    }

    /** The index after the member chain starting at {@code start}: names, dots, calls and subscripts. */
    private int endOfChain(int start) {
        int j = start + 1;
        while (j < tokens.size()) {
            Token t = tokens.get(j);
            if (t.kind() == Kind.IDENTIFIER || t.isOperator(".") || t.isOperator(".?")) {
                j++;
            } else if (t.isOperator("(") || t.isOperator("[")) {
                j = closingBracket(j) + 1;
            } else {
                break;
            }
        }
        return j;
    }

    private int closingBracket(int open) {
        String opening = tokens.get(open).text();
        String closing = opening.equals("(") ? ")" : "]";
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isOperator(opening)) {
                depth++;
            } else if (tokens.get(j).isOperator(closing) && --depth == 0) {
                return j;
            }
        }
        return tokens.size();
    }

    private void reject(Token token, String message) {
        violations.add(new Violation(token.start(), message));
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
