package io.rulegrid.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule file that does not compile. It lists every error of the file, not just the first; its message
 * has one error per line.
 */
public class RuleCompilationException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    private final transient List<CompileError> errors;

    public RuleCompilationException(String ruleset, List<CompileError> errors) {
        super(errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")), ruleset,
                errors.size() == 1 ? errors.get(0).rule() : null, null, null);
        this.errors = List.copyOf(errors);
    }

    /** Every error found, in file order. */
    public List<CompileError> errors() {
        return errors;
    }
}
