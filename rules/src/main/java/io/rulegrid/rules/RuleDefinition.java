package io.rulegrid.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule as written, before compilation.
 *
 * @param name            unique name within its ruleset
 * @param salience        higher fires first; ties go to the rule declared first
 * @param noLoop          the rule is not re-activated by its own action
 * @param activationGroup when one rule of the group fires, the group fires no more; {@code null} for none
 * @param enabled         a disabled rule is compiled but never activated
 * @param description     free text, may be empty
 * @param tags            free labels
 * @param condition       an expression that must yield a boolean
 * @param actions         statements run in order when the rule fires (RGL has one, Easy Rules files may have several)
 * @param line            1-based line of the rule's declaration in its source file
 * @param column          1-based column of the rule's declaration in its source file
 */
public record RuleDefinition(String name, int salience, boolean noLoop, String activationGroup, boolean enabled,
                             String description, List<String> tags, SourceText condition, List<SourceText> actions,
                             int line, int column) {

    public RuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        description = description == null ? "" : description;
        tags = List.copyOf(tags == null ? List.of() : tags);
        actions = List.copyOf(actions == null ? List.of() : actions);
    }
}
