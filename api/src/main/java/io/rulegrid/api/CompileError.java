package io.rulegrid.api;

/**
 * One problem found while compiling a rule file.
 *
 * @param file    the source file name
 * @param line    1-based line of the offending text
 * @param column  1-based column of the offending text
 * @param rule    the rule the problem is in, or {@code null} when it is outside any rule
 * @param message what is wrong, in words a rule author can act on
 */
public record CompileError(String file, int line, int column, String rule, String message) {

    /** {@code FILE:LINE:COLUMN: rule "NAME": message}, the rule part left out when there is no rule. */
    @Override
    public String toString() {
        String where = file + ":" + line + ":" + column + ": ";
        return rule == null ? where + message : where + "rule \"" + rule + "\": " + message;
    }
}
