package io.rulegrid.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facts are JSON objects with a fixed set of value types. */
class FactsTest {

    @Test
    void numbersKeepTheirJsonMeaning() {
        Map<String, Object> fact = Facts.parse(
                "{\"whole\":42,\"fraction\":10.5,\"wholeDouble\":10.0,\"huge\":123456789012345678901234567890,"
                        + "\"precise\":0.10000000000000000000001}");

        assertThat(fact).containsEntry("whole", 42L).containsEntry("fraction", 10.5).containsEntry("wholeDouble", 10.0)
                .containsEntry("huge", new BigDecimal("123456789012345678901234567890"))
                .containsEntry("precise", new BigDecimal("0.10000000000000000000001"));
    }

    @Test
    void aDecimalIsADoubleOnlyWhenTheDoubleIsExact() {
        Map<String, Object> fact = Facts.parse("{\"fifteen\":123456789012345.5,\"sixteen\":1234567890123456.5,"
                + "\"inexact\":0.1000000000000000055511151231257827,\"exponent\":1e2,\"smallExponent\":2.5E-3,"
                + "\"negativeZero\":-0.0,\"trailingZeros\":1.50}");

        // 15 significant digits survive a double; 16 need not (the nearest double here is ...456.5 by luck, so
        // the exact check keeps it a double), 34 are kept exactly
        assertThat(fact).containsEntry("fifteen", 123456789012345.5).containsEntry("sixteen", 1234567890123456.5)
                .containsEntry("inexact", new BigDecimal("0.1000000000000000055511151231257827"))
                .containsEntry("exponent", 100L).containsEntry("smallExponent", 0.0025)
                .containsEntry("trailingZeros", 1.5);
        assertThat((Double) fact.get("negativeZero")).isEqualTo(0.0).matches(zero -> 1 / zero > 0, "positive zero");
    }

    @Test
    void contentAfterTheFactOrNestingPastTheLimitIsRefused() {
        assertThatThrownBy(() -> Facts.parse("{\"a\":1} {\"b\":2}"))
                .isInstanceOf(MalformedFactException.class).hasMessageContaining("more content after the value");
        String deep = "{\"a\":" + "[".repeat(Facts.MAX_DEPTH) + "]".repeat(Facts.MAX_DEPTH) + "}";
        assertThatThrownBy(() -> Facts.parse(deep))
                .isInstanceOf(MalformedFactException.class).hasMessageContaining("nested deeper than 500 levels");
    }

    @Test
    void nestedValuesBecomeListsAndMaps() {
        Map<String, Object> fact = Facts.parse("{\"tags\":[\"a\",1,true,null],\"address\":{\"city\":\"Lyon\"}}");

        assertThat(fact.get("tags")).isEqualTo(java.util.Arrays.asList("a", 1L, true, null));
        assertThat(fact.get("address")).isEqualTo(Map.of("city", "Lyon"));
    }

    @Test
    void roundTripsThroughJson() {
        String json = "{\"sku\":\"A-1\",\"price\":10.5,\"stock\":3,\"tags\":[\"x\"],\"meta\":{\"ok\":true}}";

        assertThat(Facts.toJson(Facts.parse(json))).isEqualTo(json);
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> Facts.parse("{\"sku\": \"A-1\",\n \"price\": }"))
                .isInstanceOf(MalformedFactException.class)
                .hasMessageStartingWith("malformed JSON: ")
                .hasMessageContaining("line 2");
    }

    @Test
    void aFactMustBeAnObject() {
        assertThatThrownBy(() -> Facts.parse("[1,2]"))
                .isInstanceOf(MalformedFactException.class)
                .hasMessage("a fact must be a JSON object but was an array");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> Facts.parse("{\"a\":1,\"a\":2}"))
                .isInstanceOf(MalformedFactException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void nonJsonValuesAreRefused() {
        assertThatThrownBy(() -> Facts.normalize(Map.of("when", new java.util.Date(0))))
                .isInstanceOf(MalformedFactException.class)
                .hasMessage("a java.util.Date is not a JSON value");
    }

    @Test
    void deepEqualityComparesNumbersByValue() {
        assertThat(Facts.deepEquals(Map.of("a", List.of(1L, 2.5)), Map.of("a", List.of(1, new BigDecimal("2.50")))))
                .isTrue();
        assertThat(Facts.deepEquals(Map.of("a", 1L), Map.of("a", 2L))).isFalse();
        assertThat(Facts.deepEquals(Map.of("a", "1"), Map.of("a", 1L))).isFalse();
    }
}
