package io.rulegrid.client;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options are values: checked when made, and unchanged by anything done to what they were made from. */
class OptionsTest {

    @Test
    void aPredicateThatDoesNotParseIsRefusedWithItsText() {
        assertThatThrownBy(() -> BulkOptions.allFacts().where("category = = 'books'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("where predicate \"category = = 'books'\" does not parse: ");
        assertThatThrownBy(() -> BulkOptions.allFacts().where(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("where predicate is blank; use BulkOptions.allFacts() for every fact");
    }

    @Test
    void aNegativeVersionIsRefused() {
        assertThatThrownBy(() -> EvaluationOptions.defaults().version(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ruleset version is -1 but must be >= 1, or 0 for the active version");
    }

    @Test
    void optionsKeepTheirValuesWhateverTheCallerChanges() {
        Map<String, Object> input = new HashMap<>(Map.of("vip", true, "tags", List.of("a")));
        EvaluationOptions options = EvaluationOptions.defaults().input(input).version(3);
        input.put("vip", false);
        options.input().put("vip", false);

        assertThat(options.input()).isEqualTo(Map.of("vip", true, "tags", List.of("a")));
        assertThat(options.version()).isEqualTo(3);
        assertThat(EvaluationOptions.defaults().input()).isEmpty();
        assertThat(EvaluationOptions.defaults().version()).isZero();
    }

    @Test
    void theReplyLeavesTheFactOutUnlessAskedAndTheOtherOptionsKeepTheChoice() {
        EvaluationOptions withFact = EvaluationOptions.defaults().returnFact(true);

        assertThat(EvaluationOptions.defaults().returnsFact()).isFalse();
        assertThat(withFact.version(2).input(Map.of("vip", true)).returnsFact()).isTrue();
        assertThat(withFact).isNotEqualTo(EvaluationOptions.defaults());
        assertThat(withFact.returnFact(false)).isEqualTo(EvaluationOptions.defaults());
    }

    @Test
    void bulkOptionsCarryThePredicateAndTheEvaluationOptions() {
        BulkOptions options = BulkOptions.allFacts().where("category = 'books'").input(Map.of("season", "winter"))
                .version(2);

        assertThat(options.where()).isEqualTo("category = 'books'");
        assertThat(options.evaluation()).isEqualTo(EvaluationOptions.defaults().version(2)
                .input(Map.of("season", "winter")));
        assertThat(BulkOptions.allFacts().where()).isNull();
    }
}
