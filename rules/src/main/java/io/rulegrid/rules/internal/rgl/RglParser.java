package io.rulegrid.rules.internal.rgl;

import io.rulegrid.api.CompileError;
import io.rulegrid.rules.Limits;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.text.LineMap;
import io.rulegrid.rules.internal.text.Token;
import io.rulegrid.rules.internal.text.Token.Kind;
import io.rulegrid.rules.internal.text.Tokenizer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A recursive-descent parser for RGL files:
 * <pre>
 * file      := 'ruleset' STRING option* rule*
 * option    := 'firing-limit' INT | 'time-budget' DURATION        (DURATION: 50ms, 2s)
 *            | ('max-string' | 'max-collection' | 'max-depth' | 'max-outputs') INT
 * rule      := 'rule' STRING attribute* '{' attribute* 'when' EXPR 'then' STATEMENTS '}'
 * attribute := 'salience' INT | 'no-loop' | 'activation-group' STRING | 'enabled' BOOL
 *            | 'description' STRING | 'tags' STRING (',' STRING)*
 * </pre>
 * Expression text is delimited by tokens, so strings, braces and comments inside MVEL never end a
 * condition or an action early. After an error the parser skips to the next rule, so one pass reports
 * every error of the file.
 */
public final class RglParser {

    private static final Map<String, String> CLOSING = Map.of("(", ")", "[", "]", "{", "}");

    private static final List<String> VALUE_LIMITS = List.of("max-string", "max-collection", "max-depth", "max-outputs");
    private static final List<String> ATTRIBUTES =
            List.of("salience", "no-loop", "activation-group", "enabled", "description", "tags");

    private final String file;
    private final String text;
    private final List<Token> tokens;
    private final LineMap lines;
    private final List<CompileError> errors = new ArrayList<>();
    private int pos;
    private String currentRule;

    private RglParser(String file, String text) {
        this.file = file;
        this.text = text;
        this.tokens = Tokenizer.tokenize(text);
        this.lines = new LineMap(text);
    }

    /**
     * Parses an RGL file.
     *
     * @throws RuleCompilationException with every syntax error of the file
     */
    public static RuleSetDefinition parse(String file, String text) {
        List<CompileError> errors = new ArrayList<>();
        RuleSetDefinition definition = parse(file, text, errors);
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(definition.name(), errors);
        }
        return definition;
    }

    /**
     * Parses an RGL file, adding every syntax error to {@code errors} instead of throwing, so that a
     * compiler can add the errors of the rules that did parse. The definition holds the rules that parsed.
     */
    public static RuleSetDefinition parse(String file, String text, List<CompileError> errors) {
        RglParser parser = new RglParser(file, text);
        RuleSetDefinition definition = parser.parseFile();
        errors.addAll(parser.errors);
        return definition;
    }

    private RuleSetDefinition parseFile() {
        reportTokenizerErrors();
        String name = file;
        Limits limits = Limits.DEFAULT;
        List<RuleDefinition> rules = new ArrayList<>();
        try {
            expectIdentifier("ruleset", "a rule file starts with: ruleset \"NAME\"");
            name = expectString("the ruleset's name");
            limits = parseOptions();
        } catch (SyntaxError e) {
            skipToNextRule();
        }
        Set<String> names = new HashSet<>();
        while (pos < tokens.size()) {
            Token start = peek();
            try {
                RuleDefinition rule = parseRule();
                if (names.add(rule.name())) {
                    rules.add(rule);
                } else {
                    error(start, "duplicate rule name; rule names must be unique within a ruleset");
                }
            } catch (SyntaxError e) {
                skipToNextRule();
            } finally {
                currentRule = null;
            }
        }
        return new RuleSetDefinition(name, file, limits, rules);
    }

    private Limits parseOptions() {
        Limits limits = Limits.DEFAULT;
        Set<String> seen = new HashSet<>();
        while (pos < tokens.size() && !peek().isIdentifier("rule")) {
            Token option = peek();
            String name = attributeName();
            if (!seen.add(name)) {
                error(option, "ruleset option '" + name + "' is given twice");
            }
            if (name.equals("firing-limit")) {
                Token value = peek();
                int limit = expectInt("firing limit");
                limits = adjusted(value, limits, current -> current.withFiringLimit(limit));
            } else if (name.equals("time-budget")) {
                Token value = next("a time budget such as 50ms or 2s");
                Duration budget = parseDuration(value);
                limits = adjusted(value, limits, current -> current.withTimeBudget(budget));
            } else if (VALUE_LIMITS.contains(name)) {
                Token value = peek();
                int limit = expectInt(name);
                limits = adjusted(value, limits, current -> withValueLimit(current, name, limit));
            } else {
                throw error(option, "unknown ruleset option '" + name + "'; expected firing-limit, time-budget, "
                        + String.join(", ", VALUE_LIMITS) + " or rule");
            }
        }
        return limits;
    }

    private static Limits withValueLimit(Limits limits, String option, int value) {
        return switch (option) {
            case "max-string" -> limits.withValueLimits(value, limits.maxCollection(), limits.maxDepth(), limits.maxOutputs());
            case "max-collection" -> limits.withValueLimits(limits.maxString(), value, limits.maxDepth(), limits.maxOutputs());
            case "max-depth" -> limits.withValueLimits(limits.maxString(), limits.maxCollection(), value, limits.maxOutputs());
            default -> limits.withValueLimits(limits.maxString(), limits.maxCollection(), limits.maxDepth(), value);
        };
    }

    /** The limits changed by {@code change}, or unchanged with an error when the new value is out of range. */
    private Limits adjusted(Token at, Limits limits, UnaryOperator<Limits> change) {
        try {
            return change.apply(limits);
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage());
            return limits;
        }
    }

    private Duration parseDuration(Token token) {
        String value = token.text();
        if (token.kind() == Kind.NUMBER) {
            try {
                if (value.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                if (value.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
        }
        throw error(token, "time budget '" + value + "' must be a whole number of ms or s, such as 50ms or 2s");
    }

    private RuleDefinition parseRule() {
        Token ruleToken = peek();
        expectIdentifier("rule", "expected: rule \"NAME\"");
        currentRule = expectString("the rule's name");
        RuleBuilder rule = new RuleBuilder(currentRule, lines.positionOf(ruleToken.start()));
        parseAttributes(rule);
        expectOperator("{", "expected '{' to open the rule's body");
        parseAttributes(rule);
        Token when = peek();
        expectIdentifier("when", "expected 'when' followed by the rule's condition");
        rule.condition = region(when, "then", "the condition");
        Token then = peek();
        expectIdentifier("then", "expected 'then' after the condition");
        SourceText action = region(then, "}", "the action");
        if (!action.text().isEmpty()) {
            rule.actions.add(action);
        }
        expectOperator("}", "expected '}' to close the rule");
        return rule.build();
    }

    private void parseAttributes(RuleBuilder rule) {
        while (pos < tokens.size() && peek().kind() == Kind.IDENTIFIER && !peek().isIdentifier("when")) {
            Token at = peek();
            String name = attributeName();
            if (!rule.seen.add(name) && ATTRIBUTES.contains(name)) {
                error(at, "attribute '" + name + "' is given twice");
            }
            switch (name) {
                case "salience" -> rule.salience = expectInt("salience");
                case "no-loop" -> rule.noLoop = true;
                case "activation-group" -> rule.activationGroup = expectString("the activation group's name");
                case "enabled" -> rule.enabled = expectBoolean();
                case "description" -> rule.description = expectString("the description");
                case "tags" -> {
                    rule.tags.add(expectString("a tag"));
                    while (peekOperator(",")) {
                        pos++;
                        rule.tags.add(expectString("a tag"));
                    }
                }
                default -> throw error(at, "unknown attribute '" + name + "'; expected one of " + ATTRIBUTES
                        + " or 'when'");
            }
        }
    }

    /**
     * The expression text after {@code opener} up to (not including) {@code closer} outside any bracket. Brackets
     * must close in order, so that a {@code ]} closing a {@code (} is reported where it stands, not as a rule
     * that never ends.
     */
    private SourceText region(Token opener, String closer, String what) {
        Deque<Token> open = new ArrayDeque<>();
        int first = pos;
        while (pos < tokens.size()) {
            Token token = peek();
            if (token.kind() == Kind.ERROR) {
                throw new SyntaxError();  // already reported, with its own position
            }
            boolean atCloser = closer.equals("}") ? token.isOperator("}") : token.isIdentifier(closer);
            if (open.isEmpty() && atCloser) {
                break;
            }
            if (token.isOperator("(") || token.isOperator("[") || token.isOperator("{")) {
                open.push(token);
            } else if (token.isOperator(")") || token.isOperator("]") || token.isOperator("}")) {
                if (open.isEmpty() && token.isOperator("}")) {
                    throw notClosed(opener, closer, what);
                } else if (open.isEmpty()) {
                    throw error(token, "unbalanced '" + token.text() + "' in " + what);
                }
                Token opening = open.pop();
                if (!token.text().equals(CLOSING.get(opening.text()))) {
                    SourceText.Position at = lines.positionOf(opening.start());
                    throw error(token, "'" + token.text() + "' does not close the '" + opening.text() + "' at "
                            + at.line() + ":" + at.column() + " in " + what + "; expected '"
                            + CLOSING.get(opening.text()) + "'");
                }
            }
            pos++;
        }
        if (pos >= tokens.size()) {
            throw notClosed(opener, closer, what);
        }
        if (first == pos) {
            if (closer.equals("then")) {
                throw error(opener, "empty condition after 'when'");
            }
            SourceText.Position at = lines.positionOf(opener.end());
            return new SourceText("", at.line(), at.column());
        }
        int start = tokens.get(first).start();
        SourceText.Position at = lines.positionOf(start);
        return new SourceText(text.substring(start, tokens.get(pos - 1).end()), at.line(), at.column());
    }

    private SyntaxError notClosed(Token opener, String closer, String what) {
        return error(opener, "'" + opener.text() + "' is not followed by '" + closer + "'; " + what
                + " is not closed (check brackets and quotes)");
    }

    /** An attribute name; hyphenated names such as no-loop are several adjacent tokens. */
    private String attributeName() {
        Token first = next("an attribute");
        if (first.kind() != Kind.IDENTIFIER) {
            throw error(first, "expected an attribute name but found '" + first.text() + "'");
        }
        StringBuilder name = new StringBuilder(first.text());
        int end = first.end();
        while (pos + 1 < tokens.size() && peek().isOperator("-") && peek().start() == end
                && tokens.get(pos + 1).kind() == Kind.IDENTIFIER && tokens.get(pos + 1).start() == end + 1) {
            name.append('-').append(tokens.get(pos + 1).text());
            end = tokens.get(pos + 1).end();
            pos += 2;
        }
        return name.toString();
    }

    private int expectInt(String what) {
        Token at = peek();
        boolean negative = peekOperator("-");
        if (negative) {
            pos++;
        }
        Token number = next(what);
        try {
            int value = Integer.parseInt(number.text());
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw error(at, what + " must be a whole number but was '" + number.text() + "'");
        }
    }

    private boolean expectBoolean() {
        Token value = next("true or false");
        if (value.isIdentifier("true") || value.isIdentifier("false")) {
            return Boolean.parseBoolean(value.text());
        }
        throw error(value, "enabled must be true or false but was '" + value.text() + "'");
    }

    private String expectString(String what) {
        Token token = next(what);
        if (token.kind() != Kind.STRING) {
            throw error(token, "expected " + what + " as a quoted string but found '" + token.text() + "'");
        }
        try {
            return token.stringValue();
        } catch (IllegalArgumentException e) {
            throw error(token, e.getMessage());
        }
    }

    private void expectIdentifier(String identifier, String message) {
        Token token = next(message);
        if (!token.isIdentifier(identifier)) {
            throw error(token, message + " but found '" + token.text() + "'");
        }
    }

    private void expectOperator(String operator, String message) {
        Token token = next(message);
        if (!token.isOperator(operator)) {
            throw error(token, message + " but found '" + token.text() + "'");
        }
    }

    private boolean peekOperator(String operator) {
        return pos < tokens.size() && peek().isOperator(operator);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next(String expected) {
        if (pos >= tokens.size()) {
            throw error(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1),
                    "unexpected end of file; expected " + expected);
        }
        return tokens.get(pos++);
    }

    private void skipToNextRule() {
        while (pos < tokens.size()) {
            if (peek().isIdentifier("rule") && pos + 1 < tokens.size() && tokens.get(pos + 1).kind() == Kind.STRING
                    && (pos == 0 || !tokens.get(pos - 1).isOperator("."))) {
                return;
            }
            pos++;
        }
    }

    private void reportTokenizerErrors() {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.ERROR) {
                currentRule = enclosingRule(i);
                error(tokens.get(i), tokens.get(i).text());
            }
        }
        currentRule = null;
    }

    /** The name of the rule whose declaration last precedes token {@code index}, or {@code null}. */
    private String enclosingRule(int index) {
        for (int i = index - 1; i > 0; i--) {
            if (tokens.get(i).kind() == Kind.STRING && tokens.get(i - 1).isIdentifier("rule")) {
                try {
                    return tokens.get(i).stringValue();
                } catch (IllegalArgumentException malformed) {
                    // reported where the rule is declared; until then, name the rule as written
                    String quoted = tokens.get(i).text();
                    return quoted.substring(1, quoted.length() - 1);
                }
            }
        }
        return null;
    }

    private SyntaxError error(Token at, String message) {
        SourceText.Position where = at == null ? new SourceText.Position(1, 1) : lines.positionOf(at.start());
        errors.add(new CompileError(file, where.line(), where.column(), currentRule, message));
        return new SyntaxError();
    }

    /** Unwinds the parser to the next rule after an error has been recorded. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    /** The attributes of a rule as they are parsed. */
    private static final class RuleBuilder {
        final String name;
        final SourceText.Position at;
        final Set<String> seen = new HashSet<>();
        final List<String> tags = new ArrayList<>();
        final List<SourceText> actions = new ArrayList<>();
        int salience;
        boolean noLoop;
        String activationGroup;
        boolean enabled = true;
        String description = "";
        SourceText condition;

        RuleBuilder(String name, SourceText.Position at) {
            this.name = name;
            this.at = at;
        }

        RuleDefinition build() {
            return new RuleDefinition(name, salience, noLoop, activationGroup, enabled, description, tags, condition,
                    actions, at.line(), at.column());
        }
    }
}
