package io.rulegrid.rules.internal.mvel;

import io.rulegrid.rules.CompileError;
import io.rulegrid.rules.SourceText;
import io.rulegrid.rules.internal.engine.Expression;
import io.rulegrid.rules.internal.engine.IndexKey;
import io.rulegrid.rules.internal.mvel.Sandbox.Role;
import io.rulegrid.rules.internal.text.Token;
import io.rulegrid.rules.internal.text.Tokenizer;
import org.mvel2.CompileException;
import org.mvel2.MVEL;
import org.mvel2.ParserConfiguration;
import org.mvel2.ParserContext;
import org.mvel2.compiler.AbstractParser;
import org.mvel2.compiler.ExecutableStatement;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the MVEL conditions and actions of rules: sandbox check first, then MVEL, with every problem
 * reported at its line and column in the rule file.
 */
public final class MvelCompiler {

    /** Names that are not fact fields, so reading them is not reading the fact. */
    private static final Set<String> NOT_FIELDS = Set.of("input", "now", "emit", "retract", "halt");

    /** A compiled condition and what the engine needs to know about it. */
    public record CompiledCondition(Expression expression, Set<String> reads, IndexKey indexKey) {
    }

    static {
        // Run-time half of the sandbox: MVEL resolves these names to classes in every expression of the JVM;
        // without them a name that slipped past the compile-time check is just an (absent) fact field.
        for (String name : Sandbox.DANGEROUS_CLASSES) {
            AbstractParser.LITERALS.remove(name);
            AbstractParser.CLASS_LITERALS.remove(name);
        }
        AbsentFieldsReadAsNull.install();
    }

    private MvelCompiler() {
    }

    /** Compiles with MVEL alone, skipping the compile-time sandbox: only for tests of the run-time guard. */
    static Expression compileWithoutSandbox(String text) {
        return new MvelExpression(MVEL.compileExpression(text, parserContext()));
    }

    /**
     * Compiles a condition; returns {@code null} and adds to {@code errors} when it does not compile.
     * {@link CompiledCondition#reads()} holds the top-level fields the condition reads, {@code "*"} for the
     * whole fact.
     */
    public static CompiledCondition compileCondition(String file, String rule, SourceText source,
                                                     List<CompileError> errors) {
        List<Token> tokens = Tokenizer.tokenize(source.text());
        ParserContext context = parserContext();
        Serializable compiled = compile(file, rule, source, tokens, Role.CONDITION, context, errors);
        if (compiled == null) {
            return null;
        }
        Class<?> type = ((ExecutableStatement) compiled).getKnownEgressType();
        if (type != null && type != Object.class && type != Boolean.class && type != boolean.class) {
            errors.add(error(file, rule, source, 0, "a condition must yield a boolean, but this one yields a "
                    + type.getSimpleName()));
            return null;
        }
        Set<String> reads = new TreeSet<>(context.getInputs().keySet());
        reads.removeAll(NOT_FIELDS);
        if (reads.remove("fact")) {
            reads.add("*");
        }
        return new CompiledCondition(new MvelExpression(compiled), Set.copyOf(reads), IndexKeys.of(tokens));
    }

    /** Compiles an action; returns {@code null} and adds to {@code errors} when it does not compile. */
    public static Expression compileAction(String file, String rule, SourceText source, List<CompileError> errors) {
        List<Token> tokens = Tokenizer.tokenize(source.text());
        Serializable compiled = compile(file, rule, source, tokens, Role.ACTION, parserContext(), errors);
        return compiled == null ? null : new MvelExpression(compiled);
    }

    private static Serializable compile(String file, String rule, SourceText source, List<Token> tokens, Role role,
                                        ParserContext context, List<CompileError> errors) {
        List<Sandbox.Violation> violations = Sandbox.check(tokens, role);
        if (!violations.isEmpty()) {
            violations.forEach(v -> errors.add(error(file, rule, source, v.offset(), v.message())));
            return null;
        }
        try {
            return MVEL.compileExpression(source.text(), context);
        } catch (CompileException e) {
            errors.add(error(file, rule, source, e.getCursor(), describe(e)));
            return null;
        } catch (RuntimeException e) {
            errors.add(error(file, rule, source, 0, "cannot compile: " + e.getMessage()));
            return null;
        }
    }

    /** A fresh parser context per expression: MVEL contexts collect inputs and are not thread-safe. */
    private static ParserContext parserContext() {
        return new ParserContext(new ParserConfiguration());
    }

    private static String describe(CompileException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("");
        if (message.startsWith("[Error: ") && message.endsWith("]")) {
            message = message.substring("[Error: ".length(), message.length() - 1);
        }
        return "syntax error: " + message;
    }

    private static CompileError error(String file, String rule, SourceText source, int offset, String message) {
        SourceText.Position at = source.positionOf(Math.min(offset, Math.max(0, source.text().length() - 1)));
        return new CompileError(file, at.line(), at.column(), rule, message);
    }
}
