package io.rulegrid.rules.internal.easyrules;

import io.rulegrid.api.CompileError;
import io.rulegrid.rules.Limits;
import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.rules.RuleDefinition;
import io.rulegrid.rules.RuleSetDefinition;
import io.rulegrid.rules.SourceText;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a file of <a href="https://github.com/j-easy/easy-rules">Easy Rules</a> 4.1 rule definitions into a
 * {@link RuleSetDefinition}, so that rules written for Easy Rules' MVEL support run on RuleGrid.
 *
 * <h2>Format</h2>
 * A rule is a map with the keys {@code name} (required), {@code description}, {@code priority} (an int),
 * {@code condition} (required, an MVEL expression) and {@code actions} (required, a non-empty list of MVEL
 * statements). A {@code .json} file holds an array of rules; any other file is YAML with one rule per
 * document, documents separated by {@code ---}. Both also take a single rule where a list is expected and a
 * list where a single rule is expected. Easy Rules' composite rules ({@code compositeRuleType},
 * {@code composingRules}) are not supported. The ruleset is named after the file without its extension
 * ({@code pricing.yml} is ruleset {@code pricing}) and has {@link Limits#DEFAULT}.
 *
 * <h2>Meaning</h2>
 * Easy Rules fires a <em>lower</em> priority first and RuleGrid a <em>higher</em> salience first, so
 * {@code salience = -1 - priority}. Unlike {@code -priority}, that reverses the order over the whole int
 * range without overflow ({@code -Integer.MIN_VALUE} is {@code Integer.MIN_VALUE}): priority 0 is salience
 * -1, and a rule without a priority (Easy Rules' default {@code Integer.MAX_VALUE - 1}) gets salience
 * {@code Integer.MIN_VALUE + 1}, so it fires after every rule with a priority, as in Easy Rules. Rules of
 * equal priority fire in file order, as ties do everywhere in RuleGrid (Easy Rules orders them by name).
 * Every rule is no-loop: Easy Rules fires each rule at most once per run, and a rule such as
 * {@code amount > 100 → amount = amount * 0.9} must not re-activate itself until the firing limit. A rule
 * can still fire again when another rule's action makes its condition true anew.
 *
 * <h2>Positions</h2>
 * Each condition and action is a {@link SourceText} at the file position of its first
 * character (after the opening quote; for a {@code |} or {@code >} block scalar, on the line after the
 * header at the content's indentation), so that errors inside the MVEL text point into the file. Each rule
 * is at the start of its map.
 *
 * <h2>Errors</h2>
 * The whole file is read before failing, and a {@link RuleCompilationException} lists every problem: missing
 * or mistyped keys, unknown keys, duplicate keys and rule names, composite rules, an empty file, and the
 * first YAML or JSON syntax error (after which nothing more can be read).
 */
public final class EasyRulesReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();
    /** How Jackson writes a location into a message, e.g. "start marker at [Source: ...; line: 1, column: 2]". */
    /** SnakeYAML's event class names, such as {@code <org.yaml.snakeyaml.events.SequenceStartEvent(…)>}: the kind of thing found. */
    private static final Pattern SNAKEYAML_EVENT = Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^)]*\\)>");
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)]");

    private final String file;
    private final boolean json;
    private final SourcePositions positions;
    private final List<CompileError> errors = new ArrayList<>();
    private final List<RuleDefinition> rules = new ArrayList<>();
    private final Map<String, SourceText.Position> names = new HashMap<>();

    private EasyRulesReader(String file, String text) {
        this.file = file;
        this.json = file.toLowerCase(Locale.ROOT).endsWith(".json");
        this.positions = new SourcePositions(text, !json);
    }

    /**
     * Reads an Easy Rules rule file.
     *
     * @param sourceName the file name: picks JSON ({@code .json}) or YAML, names the ruleset, appears in errors
     * @throws RuleCompilationException with every problem of the file
     */
    public static RuleSetDefinition read(String sourceName, String text) {
        // editors on Windows may start a file with a byte order mark, which Jackson's JSON parser rejects
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new EasyRulesReader(sourceName, content).readFile(content);
    }

    /** The salience that keeps Easy Rules' order: a lower priority fires first. */
    private static int salience(int priority) {
        return -1 - priority;
    }

    private RuleSetDefinition readFile(String text) {
        try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    readDocument(parser);
                }
            } catch (JsonProcessingException e) {
                errors.add(malformed(e, parser.currentLocation()));
            }
        } catch (IOException e) {
            // parsers over a String fail only on content, which is a JsonProcessingException
            throw new UncheckedIOException(e);
        }
        if (rules.isEmpty() && errors.isEmpty()) {
            errors.add(new CompileError(file, 1, 1, null, json
                    ? "the file has no rules; expected a JSON array of rules"
                    : "the file has no rules; expected YAML documents separated by \"---\", one rule each"));
        }
        String name = rulesetName(file);
        if (!errors.isEmpty()) {
            // rule problems are known only at the end of each rule, so they come out of file order
            errors.sort(Comparator.comparingInt(CompileError::line).thenComparingInt(CompileError::column));
            throw new RuleCompilationException(name, errors);
        }
        return new RuleSetDefinition(name, file, Limits.DEFAULT, rules);
    }

    /** A YAML document or a top-level JSON value: a rule or a list of rules. */
    private void readDocument(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_ARRAY -> {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    readRule(parser);
                }
            }
            case VALUE_NULL -> {
                // an empty YAML document, as after a trailing "---"
            }
            default -> readRule(parser);
        }
    }

    private void readRule(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            SourceText.Position at = positions.at(parser.currentTokenLocation());
            errors.add(new CompileError(file, at.line(), at.column(), null,
                    "expected a rule, a map with the keys name, condition and actions, found "
                            + FoundValue.describe(parser)));
            parser.skipChildren();
            return;
        }
        RuleReader reader = new RuleReader(file, positions);
        try {
            reader.read(parser);
        } finally {
            // also when the file breaks off inside the rule: what was found before still counts
            errors.addAll(reader.problems());
        }
        if (reader.name() != null) {
            SourceText.Position first = names.putIfAbsent(reader.name(), reader.nameAt());
            if (first != null) {
                SourceText.Position at = reader.nameAt();
                errors.add(new CompileError(file, at.line(), at.column(), reader.name(),
                        "duplicate rule name; rule names must be unique within a ruleset (the first is at line "
                                + first.line() + ", column " + first.column() + ")"));
            }
        }
        RuleDefinition rule = reader.definition(salience(reader.priority()));
        if (rule != null) {
            rules.add(rule);
        }
    }

    /** The syntax error {@code e}; {@code current} is where the parser stopped, for errors without a location. */
    private CompileError malformed(JsonProcessingException e, JsonLocation current) {
        String format = json ? "JSON" : "YAML";
        // Jackson places YAML errors at the last good token; SnakeYAML knows where the problem is
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            SourceText.Position at = positions.at(mark.getLine() + 1, mark.getColumn() + 1);
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ", ";
            return new CompileError(file, at.line(), at.column(), null,
                    "malformed " + format + ": " + context + yaml.getProblem());
        }
        // exceeded limits such as the nesting depth come without a location
        SourceText.Position at = positions.at(e.getLocation() == null ? current : e.getLocation());
        String message = SNAKEYAML_EVENT.matcher(SOURCE_LOCATION.matcher(e.getOriginalMessage())
                .replaceAll("line $1, column $2")).replaceAll("$1");
        return new CompileError(file, at.line(), at.column(), null, "malformed " + format + ": "
                + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
    }

    /** The file's name without directories and extension. */
    private static String rulesetName(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
