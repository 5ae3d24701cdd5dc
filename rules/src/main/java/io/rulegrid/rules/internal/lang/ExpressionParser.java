package io.rulegrid.rules.internal.lang;

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
import io.rulegrid.rules.internal.text.Token;
import io.rulegrid.rules.internal.text.Token.Kind;
import io.rulegrid.rules.internal.text.Tokenizer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for the expression language of conditions and actions (the MVEL subset of
 * {@code docs/rgl.md}):
 * <pre>
 * statements := statement ((';' | NEWLINE) statement)*
 * statement  := 'if' '(' expr ')' body ('else' (if | body))? | ('foreach' | 'for') '(' NAME ':' expr ')' body | expr
 * expr       := ternary (('=' | '+=' | '-=' | '*=' | '/=' | '%=') expr)?
 * ternary    := or ('?' expr ':' expr)?
 * or         := and (('||' | 'or') and)*          and := equality (('&amp;&amp;' | 'and') equality)*
 * equality   := relation (('==' | '!=') relation)*
 * relation   := additive (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'contains' | '~=') additive | 'instanceof' TYPE)*
 * additive   := term (('+' | '-') term)*            term := unary (('*' | '/' | '%') unary)*
 * unary      := ('-' | '!' | '++' | '--') unary | postfix ('++' | '--')?
 * postfix    := primary ('.' NAME args? | '.?' NAME | '[' expr ']')*
 * primary    := literal | '[' (expr (',' expr)* | entry (',' entry)* | ':')? ']' | '(' expr ')'
 *             | 'Math' '.' NAME args | NAME args? </pre>
 * Anything outside the subset is an error that says what to write instead. Nesting is limited, so no
 * rule text can exhaust the stack.
 */
final class ExpressionParser {

    /**
     * Deepest nesting of expressions, blocks and chained operations ({@code a + b + c} is two deep): the
     * height of the syntax tree, and so the depth of the recursion that compiles and evaluates it.
     */
    static final int MAX_NESTING = 256;

    private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            Map.entry("new", "object creation ('new') is not allowed; write a list as [a, b] and an object as [\"k\": v]"),
            Map.entry("import", "imports are not allowed"),
            Map.entry("import_static", "imports are not allowed"),
            Map.entry("def", "function definitions are not allowed"),
            Map.entry("function", "function definitions are not allowed"),
            Map.entry("proto", "prototype definitions are not allowed"),
            Map.entry("while", "'while' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("do", "'do' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("until", "'until' loops are not allowed (an evaluation must end); use foreach (x : list)"),
            Map.entry("class", "class references are not allowed"),
            Map.entry("this", "'this' is not allowed; read the whole fact as fact"),
            Map.entry("with", "'with' blocks are not allowed; assign the fields one by one"),
            Map.entry("assert", "'assert' is not allowed; use if (...) { emit(\"error\", ...) }"),
            Map.entry("return", "'return' is not allowed; use halt() to end the evaluation"),
            Map.entry("switch", "'switch' is not allowed; use if / else if"),
            Map.entry("var", "declarations are not allowed; assign a field: x = 1"),
            Map.entry("isdef", "'isdef' is not allowed; compare with null: x != null"),
            Map.entry("empty", "'empty' is not supported; write x == null || x.isEmpty() (a field named empty reads as fact.empty)"),
            Map.entry("nil", "'nil' is not supported; write null"),
            Map.entry("else", "'else' without 'if'"));

    /** Java classes a rule might try to reach for their power; only Math is allowed. */
    private static final Set<String> DANGEROUS_CLASSES = Set.of("System", "Runtime", "Class", "ClassLoader",
            "Thread", "Object", "Array", "Exception", "StringBuilder", "Void", "ProcessBuilder", "Files", "Paths",
            "Path", "File", "Method", "Field", "Unsafe", "MVEL", "PropertyAccessor", "Proxy", "ScriptEngineManager");
    /** Java value classes whose static methods rules might expect; only Math is allowed. */
    private static final Set<String> VALUE_CLASSES = Set.of("String", "CharSequence", "Integer", "Long", "Boolean",
            "Short", "Character", "Double", "Float", "Byte", "Number", "BigDecimal", "BigInteger", "Collections",
            "Arrays", "List", "Map", "Objects");
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io");
    private static final Set<String> INSTANCEOF_TYPES = Set.of("String", "Number", "Long", "Double", "BigDecimal",
            "Boolean", "List", "Map");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "%=");
    private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("&", "|", "^", "~", "<<", ">>", ">>>", "=~",
            "**", "#", "$", "\\", "`");

    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
        this.tokens = Tokenizer.tokenize(text);
    }

    /** Thrown at the first syntax error: one error per condition or action. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Failure(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Parses a condition: one expression. */
    static Parsed parseExpression(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        try {
            parser.checkTokens();
            Syntax expression = parser.expression();
            if (!parser.atEnd()) {
                Token extra = parser.peek();
                throw parser.fail(extra, extra.isOperator(";") ? "a condition is a single expression; ';' is not allowed"
                        : "syntax error: unexpected '" + extra.text() + "' after the end of the expression");
            }
            return new Parsed(expression, null);
        } catch (Failure f) {
            return new Parsed(null, f.problem);
        }
    }

    /** Parses an action: statements. */
    static Parsed parseStatements(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        try {
            parser.checkTokens();
            Block block = parser.statements(0, null);
            return new Parsed(block, null);
        } catch (Failure f) {
            return new Parsed(null, f.problem);
        }
    }

    /** A syntax tree, or the problem that stopped the parse. */
    record Parsed(Syntax syntax, Problem problem) {
    }

    private void checkTokens() {
        for (Token token : tokens) {
            if (token.kind() == Kind.ERROR) {
                throw fail(token, token.text());
            }
        }
    }

    // ---------------------------------------------------------------- statements

    private Block statements(int at, String closing) {
        List<Syntax> statements = new ArrayList<>();
        while (!atEnd() && !(closing != null && peek().isOperator(closing))) {
            if (peek().isOperator(";")) {
                pos++;
                continue;
            }
            statements.add(statement());
            if (atEnd() || closing != null && peek().isOperator(closing) || peek().isOperator(";")
                    || endsBlock(statements.get(statements.size() - 1)) || startsNewLine(peek())) {
                continue;
            }
            throw fail(peek(), "syntax error: expected ';' between statements but found '" + peek().text() + "'");
        }
        return new Block(at, List.copyOf(statements));
    }

    private static boolean endsBlock(Syntax statement) {
        return statement instanceof If || statement instanceof Foreach;
    }

    private boolean startsNewLine(Token token) {
        int previousEnd = pos == 0 ? 0 : tokens.get(pos - 1).end();
        return text.substring(previousEnd, token.start()).indexOf('\n') >= 0;
    }

    private Syntax statement() {
        Token token = peek();
        if (token.isIdentifier("if")) {
            return ifStatement();
        }
        if (token.isIdentifier("foreach") || token.isIdentifier("for")) {
            return foreach();
        }
        return expression();
    }

    private Syntax ifStatement() {
        Token keyword = next();
        enter(keyword);
        expect("(", "after 'if'");
        Syntax test = expression();
        expect(")", "to close the condition of 'if'");
        Syntax then = body();
        Syntax otherwise = null;
        if (!atEnd() && peek().isIdentifier("else")) {
            pos++;
            otherwise = !atEnd() && peek().isIdentifier("if") ? ifStatement() : body();
        }
        depth--;
        return new If(keyword.start(), test, then, otherwise);
    }

    private Syntax foreach() {
        Token keyword = next();
        enter(keyword);
        expect("(", "after '" + keyword.text() + "'");
        Token variable = next();
        if (variable == null || variable.kind() != Kind.IDENTIFIER) {
            throw fail(variable == null ? keyword : variable, "expected a loop variable: foreach (item : list)");
        }
        if (atEnd() || !peek().isOperator(":")) {
            Token at = atEnd() ? variable : peek();
            throw fail(at, at.isOperator("=") || at.isOperator(";") || at.kind() == Kind.IDENTIFIER
                    ? "C-style for loops are not allowed (an evaluation must end); use foreach (x : list)"
                    : "expected ':' in foreach (item : list)");
        }
        pos++;
        Syntax iterable = expression();
        expect(")", "to close the head of '" + keyword.text() + "'");
        Syntax body = body();
        depth--;
        return new Foreach(keyword.start(), variable.text(), iterable, body);
    }

    private Syntax body() {
        if (!atEnd() && peek().isOperator("{")) {
            Token open = next();
            enter(open);
            Block block = statements(open.start(), "}");
            expect("}", "to close the block");
            depth--;
            return block;
        }
        if (atEnd()) {
            throw fail(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1), "expected a statement or a { block }");
        }
        return statement();
    }

    // ---------------------------------------------------------------- expressions

    private Syntax expression() {
        Token start = peekOrFail("an expression");
        enter(start);
        Syntax left = ternary();
        if (!atEnd() && peek().kind() == Kind.OPERATOR && ASSIGNMENTS.contains(peek().text())) {
            Token operator = next();
            if (!(left instanceof Name || left instanceof Member || left instanceof Index)) {
                throw fail(operator, "only a field, a field of an object or a list element can be assigned");
            }
            Syntax value = expression();
            left = new Assign(operator.start(), operator.text(), left, value);
        }
        depth--;
        return left;
    }

    private Syntax ternary() {
        Syntax test = or();
        if (!atEnd() && peek().isOperator("?")) {
            Token question = next();
            Syntax then = expression();
            expect(":", "in 'test ? a : b'");
            Syntax otherwise = expression();
            return new Conditional(question.start(), test, then, otherwise);
        }
        return test;
    }

    private Syntax or() {
        return leftAssociative(this::and, Map.of("||", "||", "or", "||"));
    }

    private Syntax and() {
        return leftAssociative(this::equality, Map.of("&&", "&&", "and", "&&"));
    }

    private Syntax equality() {
        return leftAssociative(this::relation, Map.of("==", "==", "!=", "!="));
    }

    /**
     * {@code operand (OPERATOR operand)*} as a left-deep tree; {@code operators} maps each operator as written
     * (a symbol or a word) to the one the tree holds. Each link deepens the tree, so it counts as nesting.
     */
    private Syntax leftAssociative(java.util.function.Supplier<Syntax> operand, Map<String, String> operators) {
        int chainStart = depth;
        Syntax left = operand.get();
        while (!atEnd() && operators.containsKey(peek().text())) {
            Token operator = next();
            link(operator);
            if (operator.isOperator("*") && !atEnd() && peek().isOperator("*") && peek().start() == operator.end()) {
                throw fail(operator, "'**' is not supported; use Math.pow(a, b)");
            }
            left = new Binary(operator.start(), operators.get(operator.text()), left, operand.get());
        }
        depth = chainStart;
        return left;
    }

    private Syntax relation() {
        int chainStart = depth;
        Syntax left = additive();
        while (!atEnd()) {
            Token operator = peek();
            if (operator.isOperator("<") || operator.isOperator("<=") || operator.isOperator(">")
                    || operator.isOperator(">=") || operator.isOperator("~=") || operator.isIdentifier("contains")) {
                pos++;
                link(operator);
                left = new Binary(operator.start(), operator.text(), left, additive());
            } else if (operator.isIdentifier("instanceof")) {
                pos++;
                link(operator);
                Token type = next();
                if (type == null || !INSTANCEOF_TYPES.contains(type.text())) {
                    throw fail(type == null ? operator : type, "instanceof takes one of the JSON types "
                            + INSTANCEOF_TYPES.stream().sorted().toList());
                }
                left = new InstanceOf(operator.start(), left, type.text());
            } else {
                break;
            }
        }
        depth = chainStart;
        return left;
    }

    private Syntax additive() {
        return leftAssociative(this::term, Map.of("+", "+", "-", "-"));
    }

    private Syntax term() {
        return leftAssociative(this::unary, Map.of("*", "*", "/", "/", "%", "%"));
    }

    private Syntax unary() {
        Token token = peekOrFail("an expression");
        if (token.isOperator("-") || token.isOperator("!")) {
            pos++;
            enter(token);
            Syntax operand = unary();
            depth--;
            if (token.isOperator("-") && operand instanceof Literal literal && literal.value() instanceof Number) {
                return new Literal(token.start(), Values.negate(token.start(), literal.value()));
            }
            return new Unary(token.start(), token.text(), operand);
        }
        if (token.isOperator("++") || token.isOperator("--")) {
            pos++;
            Syntax target = postfix();
            return new Increment(token.start(), assignable(token, target), token.isOperator("++") ? 1 : -1, true);
        }
        Syntax value = postfix();
        if (!atEnd() && (peek().isOperator("++") || peek().isOperator("--"))) {
            Token operator = next();
            return new Increment(operator.start(), assignable(operator, value), operator.isOperator("++") ? 1 : -1, false);
        }
        return value;
    }

    private Syntax assignable(Token operator, Syntax target) {
        if (!(target instanceof Name || target instanceof Member || target instanceof Index)) {
            throw fail(operator, "'" + operator.text() + "' needs a field, a field of an object or a list element");
        }
        return target;
    }

    private Syntax postfix() {
        int chainStart = depth;
        Syntax value = primary();
        while (!atEnd()) {
            Token token = peek();
            if (token.isOperator(".") || token.isOperator(".?")) {
                pos++;
                link(token);
                Token name = next();
                if (name == null || name.kind() != Kind.IDENTIFIER) {
                    throw fail(name == null ? token : name, "expected a field or method name after '" + token.text() + "'");
                }
                if (name.text().equals("class")) {
                    throw fail(name, "class references are not allowed");
                }
                if (!atEnd() && peek().isOperator("(") && token.isOperator(".")) {
                    value = new Call(name.start(), value, name.text(), arguments());
                } else {
                    value = new Member(name.start(), value, name.text());
                }
            } else if (token.isOperator("[")) {
                pos++;
                link(token);
                enter(token);
                Syntax index = expression();
                expect("]", "to close the index");
                depth--;
                value = new Index(token.start(), value, index);
            } else {
                break;
            }
        }
        depth = chainStart;
        return value;
    }

    private List<Syntax> arguments() {
        Token open = next();
        enter(open);
        List<Syntax> args = new ArrayList<>();
        if (!atEnd() && peek().isOperator(")")) {
            pos++;
            depth--;
            return List.of();
        }
        while (true) {
            args.add(expression());
            Token separator = next();
            if (separator == null) {
                throw fail(open, "unclosed '(': expected ')'");
            }
            if (separator.isOperator(")")) {
                break;
            }
            if (!separator.isOperator(",")) {
                throw fail(separator, "expected ',' or ')' in the arguments but found '" + separator.text() + "'");
            }
        }
        depth--;
        return List.copyOf(args);
    }

    private Syntax primary() {
        Token token = next();
        if (token == null) {
            throw fail(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1), "syntax error: the expression ends too early");
        }
        switch (token.kind()) {
            case NUMBER:
                return new Literal(token.start(), number(token));
            case STRING:
                return new Literal(token.start(), string(token));
            case IDENTIFIER:
                return identifier(token);
            case OPERATOR:
                return bracketed(token);
            default:
                throw fail(token, token.text());
        }
    }

    private Syntax bracketed(Token token) {
        if (token.isOperator("(")) {
            enter(token);
            Syntax inner = expression();
            expect(")", "to close '('");
            depth--;
            return inner;
        }
        if (token.isOperator("[")) {
            enter(token);
            Syntax literal = collectionLiteral(token);
            depth--;
            return literal;
        }
        if (token.isOperator("@")) {
            throw fail(token, "'@' is not allowed");
        }
        if (token.isOperator("{")) {
            throw fail(token, "'{' starts a block only after if, else or foreach; write a list as [a, b]");
        }
        if (UNSUPPORTED_OPERATORS.contains(token.text())) {
            throw fail(token, "operator '" + token.text() + "' is not supported");
        }
        throw fail(token, "syntax error: expected a value but found '" + token.text() + "'");
    }

    private Syntax collectionLiteral(Token open) {
        if (!atEnd() && peek().isOperator("]")) {
            pos++;
            return new ListLiteral(open.start(), List.of());
        }
        if (!atEnd() && peek().isOperator(":") && pos + 1 < tokens.size() && tokens.get(pos + 1).isOperator("]")) {
            pos += 2;
            return new MapLiteral(open.start(), List.of(), List.of());
        }
        boolean map = pos + 1 < tokens.size() && tokens.get(pos + 1).isOperator(":")
                && (peek().kind() == Kind.STRING || peek().kind() == Kind.IDENTIFIER);
        List<String> keys = new ArrayList<>();
        List<Syntax> values = new ArrayList<>();
        while (true) {
            if (map) {
                Token key = next();
                if (key == null || key.kind() != Kind.STRING && key.kind() != Kind.IDENTIFIER) {
                    throw fail(key == null ? open : key, "expected a key (a string) in the object literal");
                }
                String name = key.kind() == Kind.STRING ? string(key) : key.text();
                if (keys.contains(name)) {
                    throw fail(key, "duplicate key \"" + name + "\" in the object literal");
                }
                keys.add(name);
                expect(":", "after the key \"" + name + "\"");
            }
            values.add(expression());
            Token separator = next();
            if (separator == null) {
                throw fail(open, "unclosed '[': expected ']'");
            }
            if (separator.isOperator("]")) {
                break;
            }
            if (!separator.isOperator(",")) {
                throw fail(separator, "expected ',' or ']' but found '" + separator.text() + "'");
            }
        }
        return map ? new MapLiteral(open.start(), List.copyOf(keys), List.copyOf(values))
                : new ListLiteral(open.start(), List.copyOf(values));
    }

    private Syntax identifier(Token token) {
        String name = token.text();
        boolean call = !atEnd() && peek().isOperator("(");
        boolean dotted = !atEnd() && (peek().isOperator(".") || peek().isOperator(".?"));
        switch (name) {
            case "true":
                return new Literal(token.start(), Boolean.TRUE);
            case "false":
                return new Literal(token.start(), Boolean.FALSE);
            case "null":
                return new Literal(token.start(), null);
            default:
                break;
        }
        String forbidden = FORBIDDEN_WORDS.get(name);
        if (forbidden != null) {
            throw fail(token, forbidden);
        }
        if (name.equals("Math") && dotted) {
            return mathCall(token);
        }
        if (DANGEROUS_CLASSES.contains(name) && (dotted || call)) {
            throw fail(token, "class '" + name + "' is not allowed; static access is limited to Math"
                    + " (read a field of this name as fact." + name + ")");
        }
        if (VALUE_CLASSES.contains(name) && (dotted || call)) {
            throw fail(token, "static access to '" + name + "' is not allowed; static access is limited to Math"
                    + " (use the value's own methods, such as text.length(), or read a field of this name as fact."
                    + name + ")");
        }
        if (PACKAGE_ROOTS.contains(name) && dotted && pos + 1 < tokens.size()
                && tokens.get(pos + 1).kind() == Kind.IDENTIFIER && pos + 2 < tokens.size()
                && tokens.get(pos + 2).isOperator(".")) {
            throw fail(token, "'" + name + ".' looks like a Java class reference, which is not allowed"
                    + " (read a field of this name as fact." + name + ")");
        }
        // a name right after a name is a declaration such as "int x" only on the same line: across a line break, the
        // name ends one statement and the next starts another
        if (!atEnd() && peek().kind() == Kind.IDENTIFIER && !isOperatorWord(peek().text()) && !peek().isIdentifier("else")
                && !startsNewLine(peek())) {
            throw fail(peek(), "typed declarations are not supported; assign a field: " + peek().text() + " = …");
        }
        if (call) {
            return new Call(token.start(), null, name, arguments());
        }
        return new Name(token.start(), name);
    }

    private static boolean isOperatorWord(String word) {
        return word.equals("and") || word.equals("or") || word.equals("contains") || word.equals("instanceof");
    }

    private Syntax mathCall(Token math) {
        pos++;  // '.'
        Token name = next();
        if (name == null || name.kind() != Kind.IDENTIFIER) {
            throw fail(name == null ? math : name, "expected a Math function after 'Math.'");
        }
        if (atEnd() || !peek().isOperator("(")) {
            throw fail(name, "Math." + name.text() + " is not a function; Math functions: " + MathFunctions.NAMES);
        }
        if (!MathFunctions.NAMES.contains(name.text())) {
            throw fail(name, "Math." + name.text() + "() is not allowed; allowed: " + MathFunctions.NAMES);
        }
        return new MathCall(name.start(), name.text(), arguments());
    }

    // ---------------------------------------------------------------- literals

    private Object number(Token token) {
        String text = token.text();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2).replaceFirst("[lL]$", ""), 16);
            }
            char last = text.charAt(text.length() - 1);
            if (last == 'B') {
                BigDecimal decimal = new BigDecimal(text.substring(0, text.length() - 1));
                if (decimal.precision() > Values.MAX_DECIMAL_DIGITS || Math.abs(decimal.scale()) > Values.MAX_DECIMAL_SCALE) {
                    throw fail(token, "decimal number out of range: at most " + Values.MAX_DECIMAL_DIGITS
                            + " digits and an exponent within " + Values.MAX_DECIMAL_SCALE);
                }
                return decimal;
            }
            if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
                return finite(token, Double.parseDouble(text.substring(0, text.length() - 1)));
            }
            boolean longSuffix = last == 'l' || last == 'L';
            String digits = longSuffix ? text.substring(0, text.length() - 1) : text;
            if (digits.matches("[0-9]+")) {
                if (digits.length() > 1 && digits.charAt(0) == '0') {
                    throw fail(token, "leading zeros are not allowed in '" + text + "' (MVEL would read it as octal)");
                }
                BigDecimal whole = new BigDecimal(digits);
                return whole.toBigInteger().bitLength() < 64 ? (Object) whole.longValueExact() : whole;
            }
            if (!longSuffix && digits.matches("[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?")) {
                return finite(token, Double.parseDouble(digits));
            }
        } catch (NumberFormatException e) {
            // reported below, with the token
        }
        throw fail(token, "malformed number '" + text + "'");
    }

    private Object finite(Token token, double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw fail(token, "number '" + token.text() + "' is too large for a double; write it with a B suffix");
        }
        return value;
    }

    private String string(Token token) {
        try {
            return token.stringValue();
        } catch (IllegalArgumentException e) {
            throw fail(token, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- tokens

    private void enter(Token at) {
        if (++depth > MAX_NESTING) {
            throw fail(at, "expression nested or chained deeper than " + MAX_NESTING
                    + " levels; split it into several rules or statements");
        }
    }

    /** One more link of a chain such as {@code a + b + c}: it deepens the tree like a nesting does. */
    private void link(Token at) {
        enter(at);
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekOrFail(String expected) {
        if (atEnd()) {
            throw fail(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1), "syntax error: expected " + expected + " but the text ends");
        }
        return peek();
    }

    private Token next() {
        return atEnd() ? null : tokens.get(pos++);
    }

    private void expect(String operator, String context) {
        Token token = next();
        if (token == null || !token.isOperator(operator)) {
            Token at = token == null ? (tokens.isEmpty() ? null : tokens.get(tokens.size() - 1)) : token;
            throw fail(at, "syntax error: expected '" + operator + "' " + context
                    + (token == null ? " but the text ends" : " but found '" + token.text() + "'"));
        }
    }

    private Failure fail(Token at, String message) {
        return new Failure(new Problem(at == null ? 0 : at.start(), message));
    }
}
