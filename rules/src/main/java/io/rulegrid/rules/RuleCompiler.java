package io.rulegrid.rules;

import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.CompileError;

import io.rulegrid.rules.internal.easyrules.EasyRulesReader;
import io.rulegrid.rules.internal.engine.RuleSetCompiler;
import io.rulegrid.rules.internal.rgl.RglParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses and compiles rule files. {@code .grl} files are RGL; {@code .yml}, {@code .yaml} and
 * {@code .json} files are Easy Rules rule definitions (a lower {@code priority} fires first).
 */
public final class RuleCompiler {

    /**
     * Largest rule file, in characters: enough for 10,000 rules of 400 characters; the file is tokenized
     * whole, so its size bounds the memory a compile takes.
     */
    public static final int MAX_FILE_LENGTH = 4 * 1024 * 1024;

    private RuleCompiler() {
    }

    private static void checkLength(String sourceName, String text) {
        if (sourceName == null || text == null) {
            throw new IllegalArgumentException("a rule file needs a name and a text, but got "
                    + (sourceName == null ? "no name" : "no text"));
        }
        if (text.length() > MAX_FILE_LENGTH) {
            throw new RuleCompilationException(sourceName, List.of(new CompileError(sourceName, 1, 1, null,
                    "rule file of " + text.length() + " characters; at most " + MAX_FILE_LENGTH)));
        }
    }

    /**
     * Parses a rule file without compiling its expressions.
     *
     * @param sourceName the file name, used to pick the format and in error messages
     * @throws RuleCompilationException with every syntax error of the file
     * @throws IllegalArgumentException if the file name has none of the known extensions
     */
    public static RuleSetDefinition parse(String sourceName, String text) {
        checkLength(sourceName, text);
        String lower = sourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".grl")) {
            return RglParser.parse(sourceName, text);
        }
        if (lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json")) {
            return EasyRulesReader.read(sourceName, text);
        }
        throw new IllegalArgumentException("rule file " + sourceName
                + " has an unknown extension; expected .grl (RGL) or .yml, .yaml, .json (Easy Rules)");
    }

    /**
     * Parses and compiles a rule file.
     *
     * @throws RuleCompilationException with every error of the file
     */
    public static RuleSet compile(String sourceName, String text) {
        checkLength(sourceName, text);
        if (sourceName.toLowerCase(Locale.ROOT).endsWith(".grl")) {
            // syntax errors and the errors of the rules that did parse are reported together
            List<CompileError> errors = new ArrayList<>();
            RuleSetDefinition definition = RglParser.parse(sourceName, text, errors);
            return RuleSetCompiler.compile(definition, errors);
        }
        return compile(parse(sourceName, text));
    }

    /**
     * Compiles a parsed ruleset.
     *
     * @throws RuleCompilationException with every error of the ruleset
     */
    public static RuleSet compile(RuleSetDefinition definition) {
        return RuleSetCompiler.compile(definition, List.of());
    }

    /**
     * Reads, parses and compiles a rule file; the file's name (not its directory) is used in errors.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws RuleCompilationException with every error of the file
     */
    public static RuleSet compileFile(Path file) {
        return compile(file.getFileName().toString(), read(file));
    }

    /** Reads a rule file as UTF-8. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
        }
    }
}
