package io.rulegrid.rules.internal.easyrules;

import io.rulegrid.api.CompileError;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.SourceText;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one Easy Rules rule map from a parser. It keeps reading after a problem so that one pass finds
 * every problem of the rule; the rule's name, known only once the whole map is read, is then put on each
 * of them.
 */
final class RuleReader {

    /** Easy Rules' {@code Rule.DEFAULT_PRIORITY}. */
    private static final int DEFAULT_PRIORITY = Integer.MAX_VALUE - 1;

    private static final String KEYS = "name, description, priority, condition, actions";
    private static final String NAME = "a non-empty string with the rule's name";
    private static final String DESCRIPTION = "a string";
    private static final String PRIORITY = "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    private static final String CONDITION = "a string with an MVEL expression";
    private static final String ACTIONS = "a non-empty list of strings with MVEL statements";
    private static final String ACTION = "a string with an MVEL statement";

    private final String file;
    private final SourcePositions positions;
    private final List<CompileError> problems = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final List<SourceText> actions = new ArrayList<>();
    private SourceText.Position start;
    private String name;
    private SourceText.Position nameAt;
    private String description;
    private int priority = DEFAULT_PRIORITY;
    private SourceText condition;
    private boolean composite;

    RuleReader(String file, SourcePositions positions) {
        this.file = file;
        this.positions = positions;
    }

    /** Reads the map whose {@code START_OBJECT} is the current token, up to and including its {@code END_OBJECT}. */
    void read(JsonParser parser) throws IOException {
        start = positions.at(parser.currentTokenLocation());
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            JsonLocation keyLocation = parser.currentTokenLocation();
            parser.nextToken();
            if (!keys.add(key)) {
                problem(keyLocation, "key \"" + key + "\" is given twice; a rule has each key at most once");
            } else {
                readValue(parser, key, keyLocation);
            }
            parser.skipChildren();
        }
        requireKeys();
    }

    /** The rule's name, or {@code null} when it has none (yet). */
    String name() {
        return name;
    }

    /** Where the rule's name is. */
    SourceText.Position nameAt() {
        return nameAt;
    }

    /** The problems found so far, each with the rule's name when it is known. */
    List<CompileError> problems() {
        return problems.stream()
                .map(p -> new CompileError(p.file(), p.line(), p.column(), name, p.message()))
                .toList();
    }

    /**
     * The rule, or {@code null} when it has problems.
     *
     * @param salience the salience the reader gives the rule's priority
     */
    RuleDefinition definition(int salience) {
        if (!problems.isEmpty()) {
            return null;
        }
        // no-loop: Easy Rules fires a rule at most once per run, so its own action must not re-activate it
        return new RuleDefinition(name, salience, true, null, true, description, List.of(), condition, actions,
                start.line(), start.column());
    }

    /** The rule's {@code priority}, Easy Rules' default when it has none. */
    int priority() {
        return priority;
    }

    private void readValue(JsonParser parser, String key, JsonLocation keyLocation) throws IOException {
        switch (key) {
            case "name" -> {
                if (expectText(parser, key, NAME)) {
                    name = parser.getText();
                    nameAt = positions.at(parser.currentTokenLocation());
                }
            }
            case "description" -> readDescription(parser);
            case "priority" -> readPriority(parser);
            case "condition" -> {
                if (expectText(parser, key, CONDITION)) {
                    condition = positions.textAt(parser.currentTokenLocation(), parser.getText());
                }
            }
            case "actions" -> readActions(parser);
            case "compositeRuleType", "composingRules" -> {
                if (!composite) {
                    problem(keyLocation, "composite rules (key \"" + key + "\") are not supported; "
                            + "write each composing rule as a rule of its own");
                }
                composite = true;
            }
            default -> problem(keyLocation, "unknown key \"" + key + "\"; expected one of " + KEYS);
        }
    }

    private void readDescription(JsonParser parser) throws IOException {
        // an empty value is no description, as in Easy Rules
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() == JsonToken.VALUE_STRING && !FoundValue.isAlias(parser)) {
            description = parser.getText();
        } else {
            wrongValue(parser, "description", DESCRIPTION);
        }
    }

    private void readPriority(JsonParser parser) throws IOException {
        // an empty value is Easy Rules' default priority
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            priority = parser.getIntValue();
        } else {
            wrongValue(parser, "priority", PRIORITY);
        }
    }

    private void readActions(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            wrongValue(parser, "actions", ACTIONS);
            return;
        }
        JsonLocation list = parser.currentTokenLocation();
        int item = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            item++;
            if (FoundValue.isText(parser)) {
                actions.add(positions.textAt(parser.currentTokenLocation(), parser.getText()));
            } else {
                problem(parser.currentTokenLocation(), "item " + item + " of key \"actions\" must be " + ACTION
                        + ", found " + describeForText(parser));
                parser.skipChildren();
            }
        }
        if (item == 0) {
            problem(list, "key \"actions\" must be " + ACTIONS + ", found an empty list");
        }
    }

    private boolean expectText(JsonParser parser, String key, String expected) throws IOException {
        if (FoundValue.isText(parser)) {
            return true;
        }
        problem(parser.currentTokenLocation(), "key \"" + key + "\" must be " + expected + ", found "
                + describeForText(parser));
        return false;
    }

    private void wrongValue(JsonParser parser, String key, String expected) throws IOException {
        problem(parser.currentTokenLocation(), "key \"" + key + "\" must be " + expected + ", found "
                + FoundValue.describe(parser));
    }

    /** YAML reads an unquoted {@code true} or {@code 42} as a boolean or number, so say how to make it text. */
    private static String describeForText(JsonParser parser) throws IOException {
        String found = FoundValue.describe(parser);
        return parser.currentToken().isNumeric() || parser.currentToken().isBoolean()
                ? found + "; put it in quotes to make it a string"
                : found;
    }

    private void requireKeys() {
        require("name", NAME);
        // a composite rule has no condition or actions of its own; its one problem is being composite
        if (!composite) {
            require("condition", CONDITION);
            require("actions", ACTIONS);
        }
    }

    private void require(String key, String expected) {
        if (!keys.contains(key)) {
            problem(start, "missing key \"" + key + "\"; expected " + expected);
        }
    }

    private void problem(JsonLocation location, String message) {
        problem(positions.at(location), message);
    }

    private void problem(SourceText.Position at, String message) {
        problems.add(new CompileError(file, at.line(), at.column(), null, message));
    }
}
