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
