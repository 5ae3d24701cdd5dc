package io.rulegrid.api;

/**
 * The fact of an {@link EvaluationResult} was read, but the evaluation's reply does not carry it. An evaluation on
 * the grid returns what the rules did (firings, modified fields, outputs) and writes the new fact where it is
 * stored; it sends the fact back only when the call asks for it. A mistake of the caller, not of the grid.
 */
public class FactNotReturnedException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    public FactNotReturnedException(String ruleset) {
        super("the result of ruleset \"" + ruleset + "\" carries no fact: the grid sends the fact back only when the"
                + " call asks for it (EvaluationOptions.returnFact(true)); the modified fields are in modified()",
                ruleset, null, null, null);
    }
}
