package io.rulegrid.rules.internal.engine;

import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;
import io.rulegrid.rules.RuleCompiler;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A test written alike in several rules is one slot, evaluated once and forgotten when its field changes. */
class SharedConditionPartsTest {

    private static CompiledRuleSet rules(String body) {
        return (CompiledRuleSet) RuleCompiler.compile("shared.grl", "ruleset \"shared\"\n" + body);
    }

    @Test
    void testsWrittenAlikeShareOneSlotWhateverTheirLayout() {
        CompiledRuleSet rules = rules("""
                rule "a" { when status == "ACTIVE" && tags.contains("new") && stock > 1 then x = 1 }
                rule "b" { when tags.contains( "new" ) && status=="ACTIVE" && stock > 2 then x = 2 }
                rule "c" { when status == 'ACTIVE' && stock > 1.0 then x = 3 }
                """);

        assertThat(rules.sharedParts().count()).isEqualTo(2);
        CompiledRule a = rules.rules()[0];
        CompiledRule b = rules.rules()[1];
        CompiledRule c = rules.rules()[2];
        // equality tests come first in every condition: status == "ACTIVE" is part 0 of all three
        assertThat(a.slots()[0]).isEqualTo(b.slots()[0]).isEqualTo(c.slots()[0]).isNotNegative();
        assertThat(a.slots()[1]).isEqualTo(b.slots()[1]).isNotNegative();
        // stock > 1 and stock > 1.0 are different tests (a Long and a Double constant): not shared with c
        assertThat(a.slots()[2]).isEqualTo(-1);
    }

    @Test
    void rememberedTestIsForgottenWhenAFieldItReadsChanges() {
        CompiledRuleSet rules = rules("""
                rule "deactivate" salience 10 { when status == "ACTIVE" && stock == 0 then status = "SOLD_OUT" }
                rule "promote" { when status == "ACTIVE" && rating > 4 then emit("promote", sku) }
                rule "restock" { when status == "SOLD_OUT" && rating > 4 then emit("restock", sku) }
                """);

        EvaluationResult result = rules.evaluate(Facts.parse(
                "{\"sku\":\"s\",\"status\":\"ACTIVE\",\"stock\":0,\"rating\":4.5}"), Map.of());

        assertThat(result.fired()).containsExactly("deactivate", "restock");
    }
}
