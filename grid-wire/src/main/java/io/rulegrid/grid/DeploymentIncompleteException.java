package io.rulegrid.grid;

import io.rulegrid.api.RuleGridException;

import java.util.List;

/**
 * A deploy or an activation was stored, but not every member has the version in effect: a member could not
 * compile it (it keeps its previous version), left, or did not answer in time. Names each member and why.
 */
public class DeploymentIncompleteException extends RuleGridException {

    private static final long serialVersionUID = 1L;

    private final List<String> memberProblems;

    /** {@link #version()} is the version stored as active. */
    public DeploymentIncompleteException(String ruleset, int version, List<String> memberProblems) {
        super("ruleset \"" + ruleset + "\" is stored but not in effect on every member: "
                + String.join("; ", memberProblems), ruleset, null, null, null);
        this.memberProblems = List.copyOf(memberProblems);
        locatedAt(null, version, null);
    }

    /** One line per member that does not have the version in effect: its address and why. */
    public List<String> memberProblems() {
        return memberProblems;
    }
}
